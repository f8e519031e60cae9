/**
 * An instance's platform, as the report names it, and the Price List attributes that price it.
 * Detection and the attribute mapping live here only: collect-inventory builds price keys from
 * them and price-items filters on exactly these spellings.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import type { PlatformName, InventoryInstance } from './cost-types';
import { tagValue } from './tags';

/** The tag users set to correct a detected platform, or to exclude an instance (value `RDS`). */
export const PLATFORM_TAG_KEY = 'Platform';
/** Instances tagged this way are billed elsewhere (the users' current report leaves them out). */
export const EXCLUDED_PLATFORM_TAG_VALUE = 'RDS';

/** Platform tag values users may set; case-sensitive, as the users' current report reads them. */
const TAG_PLATFORMS: ReadonlySet<string> = new Set<PlatformName>(['Linux', 'Windows', 'Windows+SQLStd', 'Windows+SQLEnt']);

// Exact spellings only: "Red Hat Enterprise Linux with HA" or "Windows BYOL" are priced differently,
// so a near match would put a wrong price in the report.
const BY_PLATFORM_DETAILS: Readonly<Record<string, PlatformName>> = {
  'Linux/UNIX': 'Linux',
  Windows: 'Windows',
  'Windows with SQL Server Standard': 'Windows+SQLStd',
  'Windows with SQL Server Enterprise': 'Windows+SQLEnt',
  'Windows with SQL Server Web': 'Windows+SQLWeb',
  'Red Hat Enterprise Linux': 'RHEL',
  'SUSE Linux': 'SUSE',
};

// The billing codes EC2 reports as UsageOperation (the Price List's `operation` attribute).
const BY_USAGE_OPERATION: Readonly<Record<string, PlatformName>> = {
  RunInstances: 'Linux',
  'RunInstances:0002': 'Windows',
  'RunInstances:0006': 'Windows+SQLStd',
  'RunInstances:0102': 'Windows+SQLEnt',
  'RunInstances:0202': 'Windows+SQLWeb',
  'RunInstances:0010': 'RHEL',
  'RunInstances:000g': 'SUSE',
};

export interface PriceListPlatformAttributes {
  operatingSystem: string;
  preInstalledSw: string;
  licenseModel: string;
}

const NO_LICENSE = 'No License required';

const PRICE_LIST_ATTRIBUTES: Readonly<Record<PlatformName, PriceListPlatformAttributes>> = {
  Linux: { operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: NO_LICENSE },
  Windows: { operatingSystem: 'Windows', preInstalledSw: 'NA', licenseModel: NO_LICENSE },
  'Windows+SQLStd': { operatingSystem: 'Windows', preInstalledSw: 'SQL Std', licenseModel: NO_LICENSE },
  'Windows+SQLEnt': { operatingSystem: 'Windows', preInstalledSw: 'SQL Ent', licenseModel: NO_LICENSE },
  'Windows+SQLWeb': { operatingSystem: 'Windows', preInstalledSw: 'SQL Web', licenseModel: NO_LICENSE },
  RHEL: { operatingSystem: 'RHEL', preInstalledSw: 'NA', licenseModel: NO_LICENSE },
  SUSE: { operatingSystem: 'SUSE', preInstalledSw: 'NA', licenseModel: NO_LICENSE },
};

/** The Price List attributes (operatingSystem, preInstalledSw, licenseModel) of a platform's on-demand, licence-included price. */
export function priceListAttributes(platform: PlatformName): PriceListPlatformAttributes {
  return PRICE_LIST_ATTRIBUTES[platform];
}

export type PlatformDecision =
  | {
      excluded: false;
      platform: PlatformName;
      source: InventoryInstance['platformSource'];
      /** Things the operator should hear about: an unknown tag value or platform description that was ignored. */
      warnings: string[];
    }
  | { excluded: true; reason: string };

type PlatformFields = Pick<Instance, 'PlatformDetails' | 'UsageOperation' | 'Platform' | 'Tags'>;

/**
 * Platform tag first (users correct what EC2 cannot know, e.g. SQL Server installed on a plain
 * Windows AMI), then PlatformDetails, UsageOperation, the legacy Platform field, else Linux.
 */
export function detectPlatform(instance: PlatformFields): PlatformDecision {
  const warnings: string[] = [];
  const tagged = tagValue(instance.Tags, PLATFORM_TAG_KEY);
  if (tagged === EXCLUDED_PLATFORM_TAG_VALUE) {
    return { excluded: true, reason: `${PLATFORM_TAG_KEY} tag is ${EXCLUDED_PLATFORM_TAG_VALUE}: billed as RDS, left out of the EC2 report` };
  }
  if (tagged !== undefined) {
    if (TAG_PLATFORMS.has(tagged)) return { excluded: false, platform: tagged as PlatformName, source: 'tag', warnings };
    warnings.push(
      `${PLATFORM_TAG_KEY} tag value "${tagged}" is not one of ${[...TAG_PLATFORMS, EXCLUDED_PLATFORM_TAG_VALUE].join(', ')}; ignored`,
    );
  }

  const details = instance.PlatformDetails;
  if (details) {
    const platform = BY_PLATFORM_DETAILS[details];
    if (platform) return { excluded: false, platform, source: 'PlatformDetails', warnings };
    warnings.push(`PlatformDetails "${details}" has no known price mapping; falling back`);
  }
  const operation = instance.UsageOperation;
  if (operation) {
    const platform = BY_USAGE_OPERATION[operation];
    if (platform) return { excluded: false, platform, source: 'UsageOperation', warnings };
    warnings.push(`UsageOperation "${operation}" has no known price mapping; falling back`);
  }
  if (instance.Platform?.toLowerCase() === 'windows') {
    return { excluded: false, platform: 'Windows', source: 'Platform', warnings };
  }
  return { excluded: false, platform: 'Linux', source: 'default', warnings };
}
