import type { Instance } from '@aws-sdk/client-ec2';
import { PLATFORM_NAMES, UNKNOWN_PLATFORM, type PlatformName } from '../../functions/shared/cost-types';
import { detectPlatform, priceListAttributes, unmappedLicensingReason, type PlatformDecision } from '../../functions/shared/platform';

// EC2 and moto send the Platform field lowercase, whatever the SDK's enum type says.
const WINDOWS_PLATFORM_FIELD = 'windows' as Instance['Platform'];

function platformOf(decision: PlatformDecision): { platform: PlatformName | typeof UNKNOWN_PLATFORM; source: string } {
  if (decision.excluded) throw new Error(`unexpectedly excluded: ${decision.reason}`);
  return { platform: decision.platform, source: decision.source };
}

describe('detectPlatform', () => {
  it.each<[string, PlatformName]>([
    ['Linux/UNIX', 'Linux'],
    ['Windows', 'Windows'],
    ['Windows with SQL Server Standard', 'Windows+SQLStd'],
    ['Windows with SQL Server Enterprise', 'Windows+SQLEnt'],
    ['Windows with SQL Server Web', 'Windows+SQLWeb'],
    ['Red Hat Enterprise Linux', 'RHEL'],
    ['SUSE Linux', 'SUSE'],
    ['Windows BYOL', 'Windows-BYOL'],
    ['Linux with SQL Server Web', 'Linux+SQLWeb'],
    ['Linux with SQL Server Standard', 'Linux+SQLStd'],
    ['Linux with SQL Server Enterprise', 'Linux+SQLEnt'],
    ['Red Hat Enterprise Linux with HA', 'RHEL+HA'],
    ['Red Hat Enterprise Linux with SQL Server Web', 'RHEL+SQLWeb'],
    ['Red Hat Enterprise Linux with SQL Server Standard', 'RHEL+SQLStd'],
    ['Red Hat Enterprise Linux with SQL Server Enterprise', 'RHEL+SQLEnt'],
    ['Red Hat Enterprise Linux with SQL Server Standard and HA', 'RHEL+HA+SQLStd'],
    ['Red Hat Enterprise Linux with SQL Server Enterprise and HA', 'RHEL+HA+SQLEnt'],
    ['Ubuntu Pro', 'UbuntuPro'],
    ['Red Hat BYOL Linux', 'Linux'],
  ])('reads PlatformDetails "%s" as %s', (details, expected) => {
    // Prepare: a UsageOperation that disagrees shows PlatformDetails wins
    const instance: Instance = { PlatformDetails: details, UsageOperation: 'RunInstances:0002' };

    // Act
    const result = platformOf(detectPlatform(instance));

    // Assess
    expect(result).toEqual({ platform: expected, source: 'PlatformDetails' });
  });

  it.each<[string, PlatformName]>([
    ['RunInstances', 'Linux'],
    ['RunInstances:0002', 'Windows'],
    ['RunInstances:0006', 'Windows+SQLStd'],
    ['RunInstances:0102', 'Windows+SQLEnt'],
    ['RunInstances:0202', 'Windows+SQLWeb'],
    ['RunInstances:0010', 'RHEL'],
    ['RunInstances:000g', 'SUSE'],
    // The rest of AWS's "AMI billing information fields" table (../shared/reference/pricing/README.md)
    ['RunInstances:0800', 'Windows-BYOL'],
    ['RunInstances:0200', 'Linux+SQLWeb'],
    ['RunInstances:0004', 'Linux+SQLStd'],
    ['RunInstances:0100', 'Linux+SQLEnt'],
    ['RunInstances:1010', 'RHEL+HA'],
    ['RunInstances:0210', 'RHEL+SQLWeb'],
    ['RunInstances:0014', 'RHEL+SQLStd'],
    ['RunInstances:0110', 'RHEL+SQLEnt'],
    ['RunInstances:1014', 'RHEL+HA+SQLStd'],
    ['RunInstances:1110', 'RHEL+HA+SQLEnt'],
    ['RunInstances:0g00', 'UbuntuPro'],
    ['RunInstances:00g0', 'Linux'], // Red Hat BYOL Linux: AWS bills it as Linux
  ])('reads UsageOperation %s as %s when PlatformDetails is absent', (operation, expected) => {
    expect(platformOf(detectPlatform({ UsageOperation: operation }))).toEqual({ platform: expected, source: 'UsageOperation' });
  });

  it('falls back to the Platform field for Windows AMIs when EC2 gives no billing details (as moto does)', () => {
    expect(platformOf(detectPlatform({ Platform: WINDOWS_PLATFORM_FIELD }))).toEqual({ platform: 'Windows', source: 'Platform' });
  });

  it('defaults to Linux when nothing says otherwise', () => {
    expect(platformOf(detectPlatform({}))).toEqual({ platform: 'Linux', source: 'default' });
  });

  it.each<PlatformName>([...PLATFORM_NAMES])('lets a Platform=%s tag override what EC2 reports', (value) => {
    const instance: Instance = { PlatformDetails: 'Red Hat Enterprise Linux', Tags: [{ Key: 'Platform', Value: value }] };

    expect(platformOf(detectPlatform(instance))).toEqual({ platform: value, source: 'tag' });
  });

  it('excludes an instance tagged Platform=RDS, saying why', () => {
    const decision = detectPlatform({ PlatformDetails: 'Linux/UNIX', Tags: [{ Key: 'Platform', Value: 'RDS' }] });

    expect(decision).toEqual({ excluded: true, reason: expect.stringContaining('Platform tag is RDS') });
  });

  it.each(['windows', 'SQL', 'rds'])('ignores the unknown or wrongly cased tag value "%s" with a warning and uses what EC2 reports', (value) => {
    const decision = detectPlatform({ UsageOperation: 'RunInstances:0006', Tags: [{ Key: 'Platform', Value: value }] });

    expect(decision).toEqual({
      excluded: false,
      platform: 'Windows+SQLStd',
      source: 'UsageOperation',
      warnings: [expect.stringContaining(`"${value}"`)],
    });
  });

  it('does not price licensing it cannot map as a near match or as Linux: it is Unknown, with what EC2 said', () => {
    // Prepare: a billing code no Price List licensing is mapped to, on a Windows AMI
    const instance: Instance = { PlatformDetails: 'Windows with SQL Server Express', UsageOperation: 'RunInstances:0999', Platform: WINDOWS_PLATFORM_FIELD };

    // Act
    const decision = detectPlatform(instance);

    // Assess
    expect(decision).toEqual({
      excluded: false,
      platform: 'Unknown',
      source: 'PlatformDetails',
      platformDetails: 'Windows with SQL Server Express',
      usageOperation: 'RunInstances:0999',
      warnings: [expect.stringContaining('Windows with SQL Server Express'), expect.stringContaining('RunInstances:0999')],
    });
  });

  it('uses UsageOperation when only PlatformDetails is unknown, and says so', () => {
    const decision = detectPlatform({ PlatformDetails: 'Windows Server 2025 preview', UsageOperation: 'RunInstances:0800' });

    expect(decision).toEqual({ excluded: false, platform: 'Windows-BYOL', source: 'UsageOperation', warnings: [expect.stringContaining('Windows Server 2025 preview')] });
  });

  it('explains an unmapped licensing by what EC2 reported, and that it is not priced as Linux', () => {
    expect(unmappedLicensingReason({ platformDetails: '', usageOperation: 'RunInstances:0999' })).toMatch(
      /^EC2 reports UsageOperation "RunInstances:0999", which no Price List licensing is mapped to \(known usage operations: RunInstances, .*RunInstances:0g00.*\); left unpriced rather than priced as Linux$/,
    );
  });
});

describe('priceListAttributes', () => {
  it.each<[PlatformName, string, string, string]>([
    ['Linux', 'Linux', 'NA', 'No License required'],
    ['Windows', 'Windows', 'NA', 'No License required'],
    ['Windows+SQLStd', 'Windows', 'SQL Std', 'No License required'],
    ['Windows+SQLEnt', 'Windows', 'SQL Ent', 'No License required'],
    ['Windows+SQLWeb', 'Windows', 'SQL Web', 'No License required'],
    ['RHEL', 'RHEL', 'NA', 'No License required'],
    ['SUSE', 'SUSE', 'NA', 'No License required'],
    ['Windows-BYOL', 'Windows', 'NA', 'Bring your own license'],
    ['Linux+SQLWeb', 'Linux', 'SQL Web', 'No License required'],
    ['Linux+SQLStd', 'Linux', 'SQL Std', 'No License required'],
    ['Linux+SQLEnt', 'Linux', 'SQL Ent', 'No License required'],
    ['RHEL+HA', 'Red Hat Enterprise Linux with HA', 'NA', 'No License required'],
    ['RHEL+SQLWeb', 'RHEL', 'SQL Web', 'No License required'],
    ['RHEL+SQLStd', 'RHEL', 'SQL Std', 'No License required'],
    ['RHEL+SQLEnt', 'RHEL', 'SQL Ent', 'No License required'],
    ['RHEL+HA+SQLStd', 'Red Hat Enterprise Linux with HA', 'SQL Std', 'No License required'],
    ['RHEL+HA+SQLEnt', 'Red Hat Enterprise Linux with HA', 'SQL Ent', 'No License required'],
    ['UbuntuPro', 'Ubuntu Pro', 'NA', 'No License required'],
  ])('prices %s as operatingSystem=%s, preInstalledSw=%s, licenseModel=%s', (platform, operatingSystem, preInstalledSw, licenseModel) => {
    expect(priceListAttributes(platform)).toEqual({ operatingSystem, preInstalledSw, licenseModel });
  });
});
