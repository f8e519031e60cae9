/**
 * An instance's licensing, as the report names it, and the Price List attributes that price it.
 * Detection and the attribute mapping live here only: collect-inventory builds price keys from
 * them and price-items filters on exactly these spellings. The codes are AWS's "AMI billing
 * information fields" table (../shared/reference/pricing/README.md): EC2 reports them as
 * PlatformDetails and UsageOperation, and the DescribeInstances filter `usage-operation` accepts
 * exactly these values.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { PLATFORM_NAMES, UNKNOWN_PLATFORM, type InventoryInstance, type PlatformName, type PriceKeyFields } from './cost-types';
import { tagValue } from './tags';

/** The tag users set to correct a detected platform, or to exclude an instance (value `RDS`). */
export const PLATFORM_TAG_KEY = 'Platform';
/** Instances tagged this way are billed elsewhere (the users' current report leaves them out). */
export const EXCLUDED_PLATFORM_TAG_VALUE = 'RDS';

/** Platform tag values users may set: every platform the report prices; case-sensitive, as the users' current report reads them. */
const TAG_PLATFORMS: ReadonlySet<string> = new Set<string>(PLATFORM_NAMES);

export interface PriceListPlatformAttributes {
  operatingSystem: string;
  preInstalledSw: string;
  licenseModel: string;
}

interface Licensing {
  /** DescribeInstances PlatformDetails, exact spellings. */
  platformDetails: readonly string[];
  usageOperation: string;
  priceList: PriceListPlatformAttributes;
}

const NO_LICENSE = 'No License required';
const RHEL_HA = 'Red Hat Enterprise Linux with HA';
const listed = (operatingSystem: string, preInstalledSw = 'NA', licenseModel = NO_LICENSE): PriceListPlatformAttributes => ({ operatingSystem, preInstalledSw, licenseModel });

// Exact spellings only: a near match ("Windows" for "Windows BYOL") would put a wrong price in the report.
const LICENSING: Readonly<Record<PlatformName, Licensing>> = {
  // Red Hat BYOL Linux (RunInstances:00g0) brings its own subscription: AWS bills it as Linux.
  Linux: { platformDetails: ['Linux/UNIX', 'Red Hat BYOL Linux'], usageOperation: 'RunInstances', priceList: listed('Linux') },
  'Linux+SQLWeb': { platformDetails: ['Linux with SQL Server Web', 'SQL Server Web'], usageOperation: 'RunInstances:0200', priceList: listed('Linux', 'SQL Web') },
  'Linux+SQLStd': { platformDetails: ['Linux with SQL Server Standard', 'SQL Server Standard'], usageOperation: 'RunInstances:0004', priceList: listed('Linux', 'SQL Std') },
  'Linux+SQLEnt': { platformDetails: ['Linux with SQL Server Enterprise', 'SQL Server Enterprise'], usageOperation: 'RunInstances:0100', priceList: listed('Linux', 'SQL Ent') },
  Windows: { platformDetails: ['Windows'], usageOperation: 'RunInstances:0002', priceList: listed('Windows') },
  'Windows-BYOL': { platformDetails: ['Windows BYOL'], usageOperation: 'RunInstances:0800', priceList: listed('Windows', 'NA', 'Bring your own license') },
  'Windows+SQLWeb': { platformDetails: ['Windows with SQL Server Web'], usageOperation: 'RunInstances:0202', priceList: listed('Windows', 'SQL Web') },
  'Windows+SQLStd': { platformDetails: ['Windows with SQL Server Standard'], usageOperation: 'RunInstances:0006', priceList: listed('Windows', 'SQL Std') },
  'Windows+SQLEnt': { platformDetails: ['Windows with SQL Server Enterprise'], usageOperation: 'RunInstances:0102', priceList: listed('Windows', 'SQL Ent') },
  RHEL: { platformDetails: ['Red Hat Enterprise Linux'], usageOperation: 'RunInstances:0010', priceList: listed('RHEL') },
  'RHEL+HA': { platformDetails: ['Red Hat Enterprise Linux with HA'], usageOperation: 'RunInstances:1010', priceList: listed(RHEL_HA) },
  'RHEL+SQLWeb': { platformDetails: ['Red Hat Enterprise Linux with SQL Server Web'], usageOperation: 'RunInstances:0210', priceList: listed('RHEL', 'SQL Web') },
  'RHEL+SQLStd': { platformDetails: ['Red Hat Enterprise Linux with SQL Server Standard'], usageOperation: 'RunInstances:0014', priceList: listed('RHEL', 'SQL Std') },
  'RHEL+SQLEnt': { platformDetails: ['Red Hat Enterprise Linux with SQL Server Enterprise'], usageOperation: 'RunInstances:0110', priceList: listed('RHEL', 'SQL Ent') },
  'RHEL+HA+SQLStd': { platformDetails: ['Red Hat Enterprise Linux with SQL Server Standard and HA'], usageOperation: 'RunInstances:1014', priceList: listed(RHEL_HA, 'SQL Std') },
  'RHEL+HA+SQLEnt': { platformDetails: ['Red Hat Enterprise Linux with SQL Server Enterprise and HA'], usageOperation: 'RunInstances:1110', priceList: listed(RHEL_HA, 'SQL Ent') },
  SUSE: { platformDetails: ['SUSE Linux'], usageOperation: 'RunInstances:000g', priceList: listed('SUSE') },
  UbuntuPro: { platformDetails: ['Ubuntu Pro'], usageOperation: 'RunInstances:0g00', priceList: listed('Ubuntu Pro') },
};

const entries = Object.entries(LICENSING) as [PlatformName, Licensing][];
const BY_PLATFORM_DETAILS: ReadonlyMap<string, PlatformName> = new Map(entries.flatMap(([name, l]) => l.platformDetails.map((d) => [d, name] as const)));
const BY_USAGE_OPERATION: ReadonlyMap<string, PlatformName> = new Map([
  ...entries.map(([name, l]) => [l.usageOperation, name] as const),
  ['RunInstances:00g0', 'Linux'] as const,
]);

/**
 * The product descriptions DescribeSpotPriceHistory prices Spot capacity under. Other licensing
 * (SQL Server, RHEL with HA, Ubuntu Pro, Windows BYOL) has no Spot price there: such an instance
 * stays unpriced rather than priced as plain Linux or at its on-demand rate.
 */
const SPOT_PRODUCT_DESCRIPTIONS: Readonly<Partial<Record<PlatformName, string>>> = {
  Linux: 'Linux/UNIX',
  Windows: 'Windows',
  RHEL: 'Red Hat Enterprise Linux',
  SUSE: 'SUSE Linux',
};

export function spotProductDescription(platform: PlatformName | typeof UNKNOWN_PLATFORM): string | undefined {
  return platform === UNKNOWN_PLATFORM ? undefined : SPOT_PRODUCT_DESCRIPTIONS[platform];
}

/** The Price List attributes (operatingSystem, preInstalledSw, licenseModel) of a platform's on-demand price. */
export function priceListAttributes(platform: PlatformName): PriceListPlatformAttributes {
  return LICENSING[platform].priceList;
}

export type PlatformDecision =
  | {
      excluded: false;
      platform: PlatformName;
      source: InventoryInstance['platformSource'];
      /** Things the operator should hear about: an unknown tag value or platform description that was ignored. */
      warnings: string[];
    }
  | {
      excluded: false;
      /** EC2 reported licensing that no Price List product is mapped to: the instance stays unpriced. */
      platform: typeof UNKNOWN_PLATFORM;
      source: 'PlatformDetails' | 'UsageOperation';
      platformDetails: string;
      usageOperation: string;
      warnings: string[];
    }
  | { excluded: true; reason: string };

type PlatformFields = Pick<Instance, 'PlatformDetails' | 'UsageOperation' | 'Platform' | 'Tags'>;

/**
 * Platform tag first (users correct what EC2 cannot know, e.g. SQL Server installed on a plain
 * Windows AMI), then PlatformDetails, then UsageOperation. When EC2 reports either but neither
 * maps, the licensing is Unknown and stays unpriced — never priced as Linux. Only when EC2 reports
 * neither (older API answers, emulators) do the legacy Platform field and the Linux default decide.
 */
export function detectPlatform(instance: PlatformFields): PlatformDecision {
  const warnings: string[] = [];
  const tagged = tagValue(instance.Tags, PLATFORM_TAG_KEY);
  if (tagged === EXCLUDED_PLATFORM_TAG_VALUE) {
    return { excluded: true, reason: `${PLATFORM_TAG_KEY} tag is ${EXCLUDED_PLATFORM_TAG_VALUE}: billed as RDS, left out of the EC2 report` };
  }
  if (tagged !== undefined) {
    if (TAG_PLATFORMS.has(tagged)) return { excluded: false, platform: tagged as PlatformName, source: 'tag', warnings };
    warnings.push(`${PLATFORM_TAG_KEY} tag value "${tagged}" is not one of ${[...TAG_PLATFORMS, EXCLUDED_PLATFORM_TAG_VALUE].join(', ')}; ignored`);
  }

  const details = instance.PlatformDetails;
  if (details) {
    const platform = BY_PLATFORM_DETAILS.get(details);
    if (platform) return { excluded: false, platform, source: 'PlatformDetails', warnings };
    warnings.push(`PlatformDetails "${details}" has no known price mapping`);
  }
  const operation = instance.UsageOperation;
  if (operation) {
    const platform = BY_USAGE_OPERATION.get(operation);
    if (platform) return { excluded: false, platform, source: 'UsageOperation', warnings };
    warnings.push(`UsageOperation "${operation}" has no known price mapping`);
  }
  if (details || operation) {
    return {
      excluded: false,
      platform: UNKNOWN_PLATFORM,
      source: details ? 'PlatformDetails' : 'UsageOperation',
      platformDetails: details ?? '',
      usageOperation: operation ?? '',
      warnings,
    };
  }
  if (instance.Platform?.toLowerCase() === 'windows') {
    return { excluded: false, platform: 'Windows', source: 'Platform', warnings };
  }
  return { excluded: false, platform: 'Linux', source: 'default', warnings };
}

/** Why an instance with unmapped licensing is not priced: what EC2 said, and what the report knows. */
export function unmappedLicensingReason(key: Pick<Extract<PriceKeyFields, { kind: 'ec2-unmapped' }>, 'platformDetails' | 'usageOperation'>): string {
  const said = [
    key.platformDetails ? `PlatformDetails "${key.platformDetails}"` : undefined,
    key.usageOperation ? `UsageOperation "${key.usageOperation}"` : undefined,
  ].filter(Boolean);
  return `EC2 reports ${said.join(' and ')}, which no Price List licensing is mapped to (known usage operations: ${[...BY_USAGE_OPERATION.keys()].join(', ')}); left unpriced rather than priced as Linux`;
}
