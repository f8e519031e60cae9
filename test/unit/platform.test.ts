import type { Instance } from '@aws-sdk/client-ec2';
import type { PlatformName } from '../../functions/shared/cost-types';
import { detectPlatform, priceListAttributes, type PlatformDecision } from '../../functions/shared/platform';

// EC2 and moto send the Platform field lowercase, whatever the SDK's enum type says.
const WINDOWS_PLATFORM_FIELD = 'windows' as Instance['Platform'];

function platformOf(decision: PlatformDecision): { platform: PlatformName; source: string } {
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
  ])('reads UsageOperation %s as %s when PlatformDetails is absent', (operation, expected) => {
    expect(platformOf(detectPlatform({ UsageOperation: operation }))).toEqual({ platform: expected, source: 'UsageOperation' });
  });

  it('falls back to the Platform field for Windows AMIs when EC2 gives no billing details (as moto does)', () => {
    expect(platformOf(detectPlatform({ Platform: WINDOWS_PLATFORM_FIELD }))).toEqual({ platform: 'Windows', source: 'Platform' });
  });

  it('defaults to Linux when nothing says otherwise', () => {
    expect(platformOf(detectPlatform({}))).toEqual({ platform: 'Linux', source: 'default' });
  });

  it.each<PlatformName>(['Linux', 'Windows', 'Windows+SQLStd', 'Windows+SQLEnt'])('lets a Platform=%s tag override what EC2 reports', (value) => {
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

  it('does not price a platform it does not know as a near match: "Windows BYOL" falls through with a warning', () => {
    const decision = detectPlatform({ PlatformDetails: 'Windows BYOL', Platform: WINDOWS_PLATFORM_FIELD });

    expect(decision).toEqual({ excluded: false, platform: 'Windows', source: 'Platform', warnings: [expect.stringContaining('Windows BYOL')] });
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
  ])('prices %s as operatingSystem=%s, preInstalledSw=%s, licenseModel=%s', (platform, operatingSystem, preInstalledSw, licenseModel) => {
    expect(priceListAttributes(platform)).toEqual({ operatingSystem, preInstalledSw, licenseModel });
  });
});
