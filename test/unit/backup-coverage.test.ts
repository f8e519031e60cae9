/**
 * The backup coverage rules the Backups sheet and `ops backups --check` share: which plans reach a
 * resource by tag (AWS Backup's selection semantics), every restore point counted once whoever made
 * it, the status of an instance, and a plan's interval from its cron schedule.
 */
import type { Image, Snapshot } from '@aws-sdk/client-ec2';
import {
  instanceCoverage,
  planIntervalHours,
  plansReaching,
  restorePoints,
  selectionReaches,
  staleAfterHours,
  volumeBackups,
  type BackupPointRecord,
  type TaggedResource,
} from '../../functions/shared/backup-coverage';
import type { BackupPlanInfo, BackupSelectionRule, InventoryBackups, VolumeBackups, VolumeRestorePoint } from '../../functions/shared/backup-types';
import { longestGapHours } from '../../functions/shared/schedule-hours';

const REGION = 'ap-northeast-2';
const NOW = new Date('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString();

const moduleSelection = (key: string, value: string): BackupSelectionRule => ({
  name: 'daily',
  resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
  notResources: [],
  listOfTags: [],
  conditions: [{ test: 'StringEquals', key: `aws:ResourceTag/${key}`, value }],
});

function resource(kind: 'instance' | 'volume', tags: Record<string, string>, region = REGION): TaggedResource {
  return { region, kind, id: kind === 'instance' ? 'i-0123456789abcdef0' : 'vol-0123456789abcdef0', tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

describe('which plans reach a resource by tag', () => {
  test('the module\'s selection reaches instances and volumes with the exact tag, and nothing else', () => {
    const selection = moduleSelection('Backup', 'Daily');

    expect(selectionReaches(selection, resource('instance', { Backup: 'Daily' }))).toBe(true);
    expect(selectionReaches(selection, resource('volume', { Backup: 'Daily' }))).toBe(true);
    expect(selectionReaches(selection, resource('instance', { Backup: 'daily' }))).toBe(false);
    expect(selectionReaches(selection, resource('instance', {}))).toBe(false);
  });

  test('ListOfTags is OR-ed with Resources: a bare resource list selects everything it names, tags or not', () => {
    const everything: BackupSelectionRule = { name: 'all', resources: ['arn:aws:ec2:*:*:instance/*'], notResources: [], listOfTags: [{ key: 'Backup', value: 'Daily' }], conditions: [] };
    const tagsOnly: BackupSelectionRule = { ...everything, resources: [] };

    expect(selectionReaches(everything, resource('instance', {}))).toBe(true);
    expect(selectionReaches(everything, resource('volume', { Backup: 'Daily' }))).toBe(true);
    expect(selectionReaches(tagsOnly, resource('instance', {}))).toBe(false);
    expect(selectionReaches(tagsOnly, resource('volume', { Backup: 'Daily' }))).toBe(true);
  });

  test('conditions are AND-ed, wildcards match, NotResources and another region\'s ARN exclude', () => {
    const selection: BackupSelectionRule = {
      name: 'prod',
      resources: ['arn:aws:ec2:ap-northeast-2:*:instance/*'],
      notResources: ['arn:aws:ec2:*:*:instance/i-0123456789abcdef0'],
      listOfTags: [],
      conditions: [
        { test: 'StringLike', key: 'aws:ResourceTag/Env', value: 'prod*' },
        { test: 'StringNotEquals', key: 'aws:ResourceTag/Backup', value: 'Never' },
      ],
    };
    const other = (tags: Record<string, string>, region = REGION): TaggedResource => ({ ...resource('instance', tags, region), id: 'i-0fedcba9876543210' });

    expect(selectionReaches(selection, other({ Env: 'prod-eu' }))).toBe(true);
    expect(selectionReaches(selection, other({ Env: 'prod-eu', Backup: 'Never' }))).toBe(false);
    expect(selectionReaches(selection, other({ Env: 'dev' }))).toBe(false);
    expect(selectionReaches(selection, other({ Env: 'prod' }, 'us-east-1'))).toBe(false);
    expect(selectionReaches(selection, resource('instance', { Env: 'prod' }))).toBe(false);
  });

  test('only the plans of the resource\'s own region count', () => {
    const plans: BackupPlanInfo[] = [
      { region: REGION, planId: 'p-seoul', name: 'daily', rules: [], selections: [moduleSelection('Backup', 'Daily')] },
      { region: 'us-east-1', planId: 'p-virginia', name: 'daily', rules: [], selections: [moduleSelection('Backup', 'Daily')] },
    ];

    expect(plansReaching(plans, resource('instance', { Backup: 'Daily' }))).toEqual(['p-seoul']);
  });
});

describe('a plan\'s interval and when a point is stale', () => {
  test('the longest gap between runs: daily 24 h, weekdays 72 h (Friday to Monday), monthly up to 744 h', () => {
    expect(longestGapHours('cron(0 3 * * ? *)', 'Asia/Seoul', NOW)).toBe(24);
    expect(longestGapHours('cron(0 3 ? * MON-FRI *)', 'Asia/Seoul', NOW)).toBe(72);
    expect(longestGapHours('cron(30 2 1 * ? *)', 'Europe/Berlin', NOW)).toBe(744);
  });

  test('stale after twice the shortest interval of the plans covering it, or 48 h without a plan or a schedule', () => {
    const plan = (cron?: string): BackupPlanInfo => ({ region: REGION, planId: 'p', name: 'p', rules: [{ name: 'r', timezone: 'UTC', ...(cron ? { cron } : {}) }], selections: [] });

    expect(staleAfterHours([planIntervalHours(plan('cron(0 3 * * ? *)'), NOW), planIntervalHours(plan('cron(0 */6 * * ? *)'), NOW)])).toBe(12);
    expect(staleAfterHours([planIntervalHours(plan(), NOW)])).toBe(48);
    expect(staleAfterHours([])).toBe(48);
  });
});

describe('restore points, each stored object counted once', () => {
  const snapshot = (id: string, volumeId: string, fields: Partial<Snapshot> = {}): Snapshot => ({
    SnapshotId: id,
    VolumeId: volumeId,
    VolumeSize: 100,
    State: 'completed',
    StartTime: new Date(hoursAgo(1)),
    ...fields,
  });
  const ami = (id: string, snapshots: string[], fields: Partial<Image> = {}): Image => ({
    ImageId: id,
    State: 'available',
    CreationDate: hoursAgo(3),
    BlockDeviceMappings: snapshots.map((s, i) => ({ DeviceName: `/dev/sd${'af'[i]}`, Ebs: { SnapshotId: s, VolumeSize: 100 } })),
    ...fields,
  });
  const point = (arn: string, resourceArn: string, resourceType: string, fields: Partial<BackupPointRecord> = {}): BackupPointRecord => ({
    recoveryPointArn: arn,
    resourceArn,
    resourceType,
    vault: 'ops-backups',
    status: 'COMPLETED',
    createdAt: hoursAgo(2),
    ...fields,
  });
  const summarize = (points: VolumeRestorePoint[]) => points.map((p) => [p.volumeId, p.source, p.id]);

  test('an AWS Backup EC2 point counts for each volume its AMI holds, and neither that AMI nor its snapshots count again', () => {
    const points = restorePoints({
      region: REGION,
      recoveryPoints: [point(`arn:aws:ec2:${REGION}::image/ami-backup`, `arn:aws:ec2:${REGION}:111122223333:instance/i-web`, 'EC2')],
      images: [ami('ami-backup', ['snap-root', 'snap-data'])],
      snapshots: [snapshot('snap-root', 'vol-root'), snapshot('snap-data', 'vol-data')],
      volumesOf: () => [],
      now: NOW,
    });

    expect(summarize(points)).toEqual([
      ['vol-data', 'AWS Backup', 'ami-backup'],
      ['vol-root', 'AWS Backup', 'ami-backup'],
    ]);
    expect(points[0]).toMatchObject({ instanceId: 'i-web', vault: 'ops-backups', restorable: true, tier: 'warm', storedGiB: 100, storedGiBIsUpperBound: true });
  });

  test('an AMI made by hand or by DLM maps to volumes through its snapshots; a plain snapshot is its own point; an EBS recovery point is AWS Backup\'s', () => {
    const points = restorePoints({
      region: REGION,
      recoveryPoints: [point(`arn:aws:ec2:${REGION}::snapshot/snap-backup`, `arn:aws:ec2:${REGION}:111122223333:volume/vol-c`, 'EBS')],
      images: [ami('ami-manual', ['snap-a'], { SourceInstanceId: 'i-a' })],
      snapshots: [snapshot('snap-a', 'vol-a'), snapshot('snap-plain', 'vol-b'), snapshot('snap-backup', 'vol-c')],
      volumesOf: () => [],
      now: NOW,
    });

    expect(summarize(points)).toEqual([
      ['vol-b', 'EBS snapshot', 'snap-plain'],
      ['vol-c', 'AWS Backup', 'snap-backup'],
      ['vol-a', 'AMI', 'ami-manual'],
    ]);
  });

  test('an EC2 point whose AMI is not visible holds every volume of the instance, at the volumes\' sizes', () => {
    const points = restorePoints({
      region: REGION,
      recoveryPoints: [point(`arn:aws:ec2:${REGION}::image/ami-gone`, `arn:aws:ec2:${REGION}:111122223333:instance/i-web`, 'EC2', { backupSizeBytes: 300 * 1024 ** 3 })],
      images: [],
      snapshots: [],
      volumesOf: (id) => (id === 'i-web' ? [{ volumeId: 'vol-1', sizeGiB: 8 }, { volumeId: 'vol-2', sizeGiB: 292 }] : []),
      now: NOW,
    });

    expect(points.map((p) => [p.volumeId, p.storedGiB])).toEqual([['vol-1', 8], ['vol-2', 292]]);
  });

  test('what cannot be restored from is listed but is never the newest point; cold tier from the archive or the lifecycle', () => {
    const points = restorePoints({
      region: REGION,
      recoveryPoints: [
        point(`arn:aws:ec2:${REGION}::snapshot/snap-partial`, `arn:aws:ec2:${REGION}:1:volume/vol-1`, 'EBS', { status: 'PARTIAL', createdAt: hoursAgo(1), backupSizeBytes: 100 * 1024 ** 3 }),
        point(`arn:aws:ec2:${REGION}::snapshot/snap-cold`, `arn:aws:ec2:${REGION}:1:volume/vol-1`, 'EBS', { createdAt: hoursAgo(2400), moveToColdAt: hoursAgo(100), backupSizeBytes: 50 * 1024 ** 3 }),
      ],
      images: [],
      snapshots: [
        snapshot('snap-pending', 'vol-1', { State: 'pending', StartTime: new Date(hoursAgo(0.5)) }),
        snapshot('snap-archived', 'vol-1', { StorageTier: 'archive', FullSnapshotSizeInBytes: 20 * 1024 ** 3, StartTime: new Date(hoursAgo(3000)) }),
      ],
      volumesOf: () => [],
      now: NOW,
    });
    const [volume] = volumeBackups(points);

    expect(points.map((p) => [p.id, p.restorable, p.tier])).toEqual([
      ['snap-pending', false, 'warm'],
      ['snap-partial', false, 'warm'],
      ['snap-cold', true, 'cold'],
      ['snap-archived', true, 'cold'],
    ]);
    expect(volume).toMatchObject({ volumeId: 'vol-1', points: 4, newest: { id: 'snap-cold' } });
    // The archived snapshot is billed on its full size (exact); the rest at volume or backup size (upper bound).
    expect(volume!.storage).toEqual([
      { region: REGION, tier: 'warm', gib: 200, upperBound: true },
      { region: REGION, tier: 'cold', gib: 70, upperBound: true },
    ]);
  });
});

describe('an instance\'s status', () => {
  const newest = (h: number): VolumeRestorePoint => ({ volumeId: 'v', region: REGION, source: 'EBS snapshot', id: 'snap', createdAt: hoursAgo(h), restorable: true, status: 'completed', tier: 'warm', storedGiB: 8, storedGiBIsUpperBound: true });

  test.each([
    ['protected', [2, 3], true],
    ['stale', [2, 120], false],
    ['partial', [2, undefined], false],
    ['unprotected', [undefined, undefined], false],
  ] as const)('%s: newest points %j hours old', (status, ages, recent) => {
    const coverage = instanceCoverage(ages.map((h, i) => ({ volumeId: `vol-${i}`, ...(h === undefined ? {} : { newest: newest(h) }) })), 48, NOW);

    expect([coverage.status, coverage.recoverableRecently]).toEqual([status, recent]);
  });

  test('a point younger than the plan allows but older than 26 h is protected and not recent; without volumes, unprotected', () => {
    expect(instanceCoverage([{ volumeId: 'vol-1', newest: newest(30) }], 48, NOW)).toMatchObject({ status: 'protected', recoverableRecently: false });
    expect(instanceCoverage([], 48, NOW)).toMatchObject({ status: 'unprotected', recoverableRecently: false });
  });
});

describe('backup storage prices', () => {
  const backupsOf = (volumes: VolumeBackups[]): InventoryBackups => ({ plans: [], selected: [], jobs: [], notes: [], jobDays: 7, volumes });

  test('warm points are charged at the EBS snapshot rate and cold ones at the archive rate, asked for once per region and tier', async () => {
    // Prepare
    const { uniquePriceKeys } = await import('../../functions/shared/report-inventory');
    const { computeCosts } = await import('../../functions/render-report/costs');
    const { DEFAULT_POWER_SCHEDULES } = await import('../../functions/shared/config');
    const backups = backupsOf([
      { volumeId: 'vol-1', points: 3, storage: [{ region: REGION, tier: 'warm', gib: 100, upperBound: true }, { region: REGION, tier: 'cold', gib: 50, upperBound: false }] },
      { volumeId: 'vol-gone', points: 1, storage: [{ region: REGION, tier: 'warm', gib: 8, upperBound: true }] },
    ]);
    const prices = [
      { id: `snapshot|${REGION}`, status: 'priced' as const, usd: 0.05, unit: 'GB-Mo' as const },
      { id: `snapshot-archive|${REGION}`, status: 'priced' as const, usd: 0.0125, unit: 'GB-Mo' as const },
    ];

    // Act
    const keys = uniquePriceKeys({ instances: [], volumes: [], addresses: [], snapshots: [], backups }).map((k) => k.id);
    const report = computeCosts(
      { collectedAt: NOW.toISOString(), reportDate: '2026-11-23', regions: [REGION], instances: [], volumes: [], addresses: [], snapshots: [], excluded: [], backups },
      prices,
      { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' },
    );

    // Assess: 100 × 0.05 + 50 × 0.0125 (0.625 → 0.63) + 8 × 0.05, a volume no instance has any more included.
    expect(keys).toEqual([`snapshot-archive|${REGION}`, `snapshot|${REGION}`]);
    expect(report.backups.summary?.storageMonthly).toBe(6.03);
  });

  test('backup storage is a share of the snapshots already in the total: TOTAL is EC2 + EBS + IPv4 + snapshots + Dedicated, never plus backups', async () => {
    // Prepare: an empty Dedicated Host (billed per host-hour) and one 100 GiB snapshot, which is also vol-1's backup
    const { computeCosts } = await import('../../functions/render-report/costs');
    const { DEFAULT_POWER_SCHEDULES } = await import('../../functions/shared/config');
    const backups = backupsOf([{ volumeId: 'vol-1', points: 1, storage: [{ region: REGION, tier: 'warm', gib: 100, upperBound: true }] }]);
    const prices = [
      { id: `snapshot|${REGION}`, status: 'priced' as const, usd: 0.05, unit: 'GB-Mo' as const },
      { id: `dedicated-host|${REGION}|m5`, status: 'priced' as const, usd: 6.232, unit: 'Hrs' as const },
    ];
    const inventory = {
      collectedAt: NOW.toISOString(),
      reportDate: '2026-11-23',
      regions: [REGION],
      instances: [],
      volumes: [],
      addresses: [],
      snapshots: [{ region: REGION, snapshotId: 'snap-1', volumeId: 'vol-1', volumeSizeGiB: 100 }],
      hosts: [{ region: REGION, hostId: 'h-0123456789abcdef0', instanceFamily: 'm5', state: 'available', az: `${REGION}a`, instanceIds: [] }],
      excluded: [],
      backups,
    };

    // Act
    const report = computeCosts(inventory, prices, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' });

    // Assess: snapshots 100 × 0.05 = 5.00; the host 6.232 × 730 = 4,549.36; backups 100 × 0.05 = 5.00, inside the snapshots.
    expect(report.totals).toMatchObject({ snapshotMonthly: 5, dedicatedMonthly: 4549.36, totalMonthly: 4554.36 });
    expect(report.backups.summary?.storageMonthly).toBe(5);
  });
});

describe('collecting a region\'s backups', () => {
  test('a vault AWS refuses to list becomes a note saying what the statuses may miss; the other vault\'s points still count', async () => {
    // Prepare: two vaults; AWS answers the second with 403 AccessDeniedException, as it does for a vault that is gone.
    const { BackupClient, ListBackupJobsCommand, ListBackupPlansCommand, ListBackupVaultsCommand, ListRecoveryPointsByBackupVaultCommand } = await import('@aws-sdk/client-backup');
    const { DescribeImagesCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const { clientAnswering } = await import('../support/sdk-client');
    const { collectRegionBackups } = await import('../../functions/collect-inventory/backups');
    const denied = Object.assign(new Error('Insufficient privileges to perform this action.'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    const backup = clientAnswering(BackupClient, async (command: unknown) => {
      if (command instanceof ListBackupPlansCommand) return { BackupPlansList: [] };
      if (command instanceof ListBackupVaultsCommand) return { BackupVaultList: [{ BackupVaultName: 'ops-backups' }, { BackupVaultName: 'old-vault' }] };
      if (command instanceof ListBackupJobsCommand) return { BackupJobs: [] };
      if (command instanceof ListRecoveryPointsByBackupVaultCommand) {
        if (command.input.BackupVaultName === 'old-vault') throw denied;
        return {
          RecoveryPoints: [
            { RecoveryPointArn: `arn:aws:ec2:${REGION}::snapshot/snap-1`, ResourceArn: `arn:aws:ec2:${REGION}:111122223333:volume/vol-1`, ResourceType: 'EBS', Status: 'COMPLETED', CreationDate: new Date(hoursAgo(3)) },
          ],
        };
      }
      throw new Error(`unexpected ${String(command)}`);
    });
    const ec2 = clientAnswering(EC2Client, async (command: unknown) => {
      if (command instanceof DescribeImagesCommand) return { Images: [] };
      throw new Error(`unexpected ${String(command)}`);
    });
    const warnings: string[] = [];

    // Act
    const part = await collectRegionBackups(REGION, { instances: [], volumes: [], addresses: [], snapshots: [] }, {
      backupFor: () => backup,
      ec2For: () => ec2,
      now: () => NOW,
      log: { info: () => undefined, warn: (message: string) => void warnings.push(message) },
    });

    // Assess
    expect(part.notes).toEqual([
      {
        region: REGION,
        what: 'recovery points of vault old-vault',
        message: 'AccessDeniedException: Insufficient privileges to perform this action.',
        consequence: 'statuses there may miss those restore points',
      },
    ]);
    expect(part.volumes.map((v) => [v.volumeId, v.newest?.id])).toEqual([['vol-1', 'snap-1']]);
    expect(warnings).toEqual(['backup read failed; the report notes it and goes on']);
  });
});

describe('the Trend\'s coverage column', () => {
  test('reads each earlier summary\'s coverage, blank for summaries written before backups were read', async () => {
    const { trendRows } = await import('../../functions/render-report/trend');
    const totals = { ec2Monthly: 1, ebsMonthly: 1, ipv4Monthly: 0, snapshotMonthly: 0, totalMonthly: 2, wasteMonthly: 0, scheduleSavingsMonthly: 0, unpricedItems: 0 };
    const counts = { instances: 4, running: 4, stopped: 0, volumes: 4, unattachedVolumes: 0, idleAddresses: 0, snapshots: 0 };
    const summary = (reportDate: string, coverage?: number) => ({
      reportDate,
      generatedAt: `${reportDate}T00:00:00Z`,
      regions: [REGION],
      priceSource: 'test',
      totals,
      counts,
      ...(coverage === undefined ? {} : { backups: { instances: 4, recoverableRecently: 4 * coverage, coverage, protected: 0, stale: 0, partial: 0, unprotected: 0, taggedWithoutPoint: 0, storageMonthly: 0 } }),
    });

    const rows = trendRows([summary('2026-11-16', 0.5), summary('2026-11-09')], { reportDate: '2026-11-23', totals, backupCoverage: 0.75 });

    expect(rows.map((r) => [r.reportDate, r.backupCoverage])).toEqual([
      ['2026-11-09', undefined],
      ['2026-11-16', 0.5],
      ['2026-11-23', 0.75],
    ]);
  });
});
