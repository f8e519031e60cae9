/**
 * The local AWS Backup emulation (scripts/local/moto_backup.py), called over HTTP with the real
 * SDK client through the test proxy, so each test has an AWS account of its own. It stands in for
 * AWS in the Terraform apply test and in the cost report's backup coverage, so what is pinned here
 * is AWS's behaviour: the member names, newest-first order, paging, filters and error shapes the
 * service model and real captures show, not whatever the emulation happens to return.
 */
import {
  BackupClient,
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand,
  DeleteBackupVaultAccessPolicyCommand,
  DeleteBackupVaultCommand,
  DescribeRecoveryPointCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListProtectedResourcesCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRecoveryPointsByResourceCommand,
  ListTagsCommand,
  PutBackupVaultAccessPolicyCommand,
  StartBackupJobCommand,
  paginateListBackupJobs,
  paginateListBackupPlans,
  paginateListBackupVaults,
  paginateListRecoveryPointsByBackupVault,
  type BackupJob,
} from '@aws-sdk/client-backup';
import { seedBackupJobs, seedRecoveryPoints, type BackupJobSeed, type RecoveryPointSeed } from '../../scripts/local/backup-seed';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';

const SEOUL = 'ap-northeast-2';
const TOKYO = 'ap-northeast-1';
const VAULT = 'ops-backups';
const HOUR = 3600;
const DAY = 24 * HOUR;

let proxy: AwsProxy;
let account: string;

const backup = (region = SEOUL) => new BackupClient({ region, endpoint: proxy.url, maxAttempts: 1 });
const at = (region = SEOUL) => ({ endpoint: proxy.url, region });
const nowSeconds = () => Math.floor(Date.now() / 1000);
const volumeArn = (id: string, region = SEOUL) => `arn:aws:ec2:${region}:${account}:volume/${id}`;
const instanceArn = (id: string, region = SEOUL) => `arn:aws:ec2:${region}:${account}:instance/${id}`;

/** An EBS recovery point as DescribeRecoveryPoint returns it: the ARN is the EC2 snapshot's. */
function ebsPoint(snapshot: string, volume: string, ageSeconds: number, extra: Partial<RecoveryPointSeed> = {}): RecoveryPointSeed {
  return {
    RecoveryPointArn: `arn:aws:ec2:${SEOUL}::snapshot/${snapshot}`,
    BackupVaultName: VAULT,
    ResourceArn: volumeArn(volume),
    ResourceType: 'EBS',
    CreationDate: nowSeconds() - ageSeconds,
    Status: 'COMPLETED',
    BackupSizeInBytes: 8 * 1024 ** 3,
    ...extra,
  };
}

function job(id: string, state: BackupJob['State'], ageSeconds: number, resource = instanceArn('i-0a1b2c3d4e5f60001'), extra: Partial<BackupJobSeed> = {}): BackupJobSeed {
  return { BackupJobId: id, BackupVaultName: VAULT, ResourceArn: resource, ResourceType: 'EC2', CreationDate: nowSeconds() - ageSeconds, State: state!, ...extra };
}

async function createPlan(client = backup()): Promise<string> {
  const plan = await client.send(
    new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: VAULT, ScheduleExpression: 'cron(0 3 * * ? *)' }] } }),
  );
  return plan.BackupPlanId!;
}

const tagSelection = (name: string) => ({
  SelectionName: name,
  IamRoleArn: `arn:aws:iam::${account}:role/ops-backup`,
  Resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
  Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/Backup', ConditionValue: 'Daily' }] },
});

/** The error an SDK call raised: its name, HTTP status and message, as a caller sees them. */
async function failureOf(call: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded; a failure was expected');
}

beforeAll(async () => {
  proxy = await startAwsProxy();
});

beforeEach(async () => {
  account = proxy.newAccount();
  await backup().send(new CreateBackupVaultCommand({ BackupVaultName: VAULT, BackupVaultTags: { Team: 'ops' } }));
});

afterAll(async () => {
  await proxy?.close();
});

describe('backup selections (what Terraform creates, reads and deletes)', () => {
  test('a tag selection is created, read back member for member, listed and deleted', async () => {
    // Prepare
    const client = backup();
    const planId = await createPlan(client);

    // Act
    const created = await client.send(new CreateBackupSelectionCommand({ BackupPlanId: planId, BackupSelection: tagSelection('tagged') }));
    const read = await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: created.SelectionId }));
    const listed = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));
    await client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: created.SelectionId }));
    const afterDelete = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));

    // Assess
    expect(created.BackupPlanId).toBe(planId);
    expect(created.CreationDate).toBeInstanceOf(Date);
    expect(read.BackupSelection).toEqual(tagSelection('tagged'));
    expect(read.SelectionId).toBe(created.SelectionId);
    expect(listed.BackupSelectionsList?.map((s) => [s.SelectionId, s.SelectionName, s.IamRoleArn])).toEqual([
      [created.SelectionId, 'tagged', `arn:aws:iam::${account}:role/ops-backup`],
    ]);
    expect(afterDelete.BackupSelectionsList).toEqual([]);
  });

  test('a selection that selects nothing is refused with the message AWS gives', async () => {
    const planId = await createPlan();

    const failure = await failureOf(
      backup().send(new CreateBackupSelectionCommand({ BackupPlanId: planId, BackupSelection: { SelectionName: 'nothing', IamRoleArn: `arn:aws:iam::${account}:role/r` } })),
    );

    expect(failure).toEqual({
      name: 'InvalidParameterValueException',
      status: 400,
      message: "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.",
    });
  });

  test('a plan cannot be deleted while it has selections, as on AWS', async () => {
    const client = backup();
    const planId = await createPlan(client);
    const selection = await client.send(new CreateBackupSelectionCommand({ BackupPlanId: planId, BackupSelection: tagSelection('tagged') }));

    const refused = await failureOf(client.send(new DeleteBackupPlanCommand({ BackupPlanId: planId })));
    await client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selection.SelectionId }));
    const deleted = await client.send(new DeleteBackupPlanCommand({ BackupPlanId: planId }));

    expect(refused).toMatchObject({ name: 'InvalidRequestException', status: 400 });
    expect(deleted.DeletionDate).toBeInstanceOf(Date);
  });

  test('an unknown selection answers ResourceNotFoundException (400) named in x-amzn-ErrorType', async () => {
    const planId = await createPlan();

    const failure = await failureOf(backup().send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: 'no-such-selection' })));
    const raw = proxy.calls.at(-1);

    expect(failure).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(raw?.path).toBe(`/backup/plans/${planId}/selections/no-such-selection`);
  });
});

describe('plans and vaults, as the report lists them', () => {
  test('plans and vaults come in pages of MaxResults, and a deleted plan is listed only when deleted ones are asked for', async () => {
    // Prepare: three plans, one of them deleted; a second vault.
    const client = backup();
    const planIds: string[] = [];
    for (const name of ['daily', 'weekly', 'monthly']) {
      const plan = await client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: name, Rules: [{ RuleName: name, TargetBackupVaultName: VAULT }] } }));
      planIds.push(plan.BackupPlanId!);
    }
    await client.send(new DeleteBackupPlanCommand({ BackupPlanId: planIds[2] }));
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'other-vault' }));

    // Act
    const planPages: (string | undefined)[][] = [];
    for await (const page of paginateListBackupPlans({ client, pageSize: 1 }, {})) planPages.push((page.BackupPlansList ?? []).map((p) => p.BackupPlanName));
    const withDeleted = await client.send(new ListBackupPlansCommand({ IncludeDeleted: true }));
    const vaultPages: (string | undefined)[][] = [];
    for await (const page of paginateListBackupVaults({ client, pageSize: 1 }, {})) vaultPages.push((page.BackupVaultList ?? []).map((v) => v.BackupVaultName));

    // Assess
    expect(planPages).toEqual([['daily'], ['weekly']]);
    expect(withDeleted.BackupPlansList?.map((p) => [p.BackupPlanName, p.DeletionDate instanceof Date])).toEqual([['daily', false], ['weekly', false], ['monthly', true]]);
    expect(vaultPages).toEqual([[VAULT], ['other-vault']]);
  });
});

describe('vault access policy and tags', () => {
  test('an access policy is put, read back as written, and deleted; a vault without one answers ResourceNotFoundException', async () => {
    const client = backup();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' }] });

    await client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: VAULT, Policy: policy }));
    const read = await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: VAULT }));
    await client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: VAULT }));
    const gone = await failureOf(client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: VAULT })));

    expect(read).toMatchObject({ BackupVaultName: VAULT, BackupVaultArn: `arn:aws:backup:${SEOUL}:${account}:backup-vault:${VAULT}`, Policy: policy });
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });

  test('ListTags returns the tags a vault was created with, although the SDK sends no trailing slash', async () => {
    const tags = await backup().send(new ListTagsCommand({ ResourceArn: `arn:aws:backup:${SEOUL}:${account}:backup-vault:${VAULT}` }));

    expect(tags.Tags).toEqual({ Team: 'ops' });
    expect(proxy.calls.at(-1)?.path).toMatch(/^\/tags\/[^/]+$/);
  });
});

describe('recovery points and protected resources', () => {
  test('seeded points show in every view: by resource newest first (BackupSizeBytes), by vault, described, and as protected resources', async () => {
    // Prepare: two points of one volume, one AMI of an instance.
    await seedRecoveryPoints(at(), [
      ebsPoint('snap-0000000000000old', 'vol-0000000000000001', 2 * DAY, { Lifecycle: { DeleteAfterDays: 35 } }),
      ebsPoint('snap-0000000000000new', 'vol-0000000000000001', 2 * HOUR, { Lifecycle: { DeleteAfterDays: 35 }, ResourceName: 'web-root' }),
      {
        RecoveryPointArn: `arn:aws:ec2:${SEOUL}::image/ami-0123456789abcdef0`,
        BackupVaultName: VAULT,
        ResourceArn: instanceArn('i-0a1b2c3d4e5f60001'),
        ResourceType: 'EC2',
        CreationDate: new Date(Date.now() - 3 * HOUR * 1000),
        Status: 'COMPLETED',
      },
    ]);
    const client = backup();

    // Act
    const byResource = await client.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: volumeArn('vol-0000000000000001') }));
    const byVault = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: VAULT }));
    const described = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: VAULT, RecoveryPointArn: `arn:aws:ec2:${SEOUL}::snapshot/snap-0000000000000new` }));
    const protectedResources = await client.send(new ListProtectedResourcesCommand({}));

    // Assess
    expect(byResource.RecoveryPoints?.map((p) => [p.RecoveryPointArn?.split('/')[1], p.BackupSizeBytes, p.BackupVaultName, p.Status])).toEqual([
      ['snap-0000000000000new', 8 * 1024 ** 3, VAULT, 'COMPLETED'],
      ['snap-0000000000000old', 8 * 1024 ** 3, VAULT, 'COMPLETED'],
    ]);
    expect(byVault.RecoveryPoints?.map((p) => p.RecoveryPointArn?.split('/')[1])).toEqual(['snap-0000000000000new', 'ami-0123456789abcdef0', 'snap-0000000000000old']);
    expect(byVault.RecoveryPoints?.[0]).toMatchObject({ BackupSizeInBytes: 8 * 1024 ** 3, ResourceType: 'EBS', BackupVaultArn: `arn:aws:backup:${SEOUL}:${account}:backup-vault:${VAULT}` });
    expect(described).toMatchObject({ ResourceArn: volumeArn('vol-0000000000000001'), StorageClass: 'WARM', ResourceName: 'web-root', Lifecycle: { DeleteAfterDays: 35 } });
    // AWS computes when a point goes: CreationDate + DeleteAfterDays.
    expect(described.CalculatedLifecycle?.DeleteAt?.getTime()).toBe(described.CreationDate!.getTime() + 35 * DAY * 1000);
    expect(protectedResources.Results?.map((r) => [r.ResourceArn, r.ResourceType, r.LastRecoveryPointArn?.split('/')[1]])).toEqual([
      [instanceArn('i-0a1b2c3d4e5f60001'), 'EC2', 'ami-0123456789abcdef0'],
      [volumeArn('vol-0000000000000001'), 'EBS', 'snap-0000000000000new'],
    ]);
  });

  test('ListRecoveryPointsByBackupVault filters by resource, resource type, plan and creation time', async () => {
    await seedRecoveryPoints(at(), [
      ebsPoint('snap-000000000000000a', 'vol-000000000000000a', 1 * HOUR, { CreatedBy: { BackupPlanId: 'plan-daily' } }),
      ebsPoint('snap-000000000000000b', 'vol-000000000000000b', 5 * DAY, { CreatedBy: { BackupPlanId: 'plan-weekly' } }),
      { ...ebsPoint('ami-000000000000000c', 'x', 3 * HOUR), RecoveryPointArn: `arn:aws:ec2:${SEOUL}::image/ami-000000000000000c`, ResourceArn: instanceArn('i-000000000000000c'), ResourceType: 'EC2' },
    ]);
    const list = async (filter: Omit<ConstructorParameters<typeof ListRecoveryPointsByBackupVaultCommand>[0], 'BackupVaultName'>) =>
      ((await backup().send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: VAULT, ...filter }))).RecoveryPoints ?? []).map((p) => p.RecoveryPointArn?.split('/')[1]);

    expect(await list({ ByResourceArn: volumeArn('vol-000000000000000b') })).toEqual(['snap-000000000000000b']);
    expect(await list({ ByResourceType: 'EC2' })).toEqual(['ami-000000000000000c']);
    expect(await list({ ByBackupPlanId: 'plan-daily' })).toEqual(['snap-000000000000000a']);
    expect(await list({ ByCreatedAfter: new Date(Date.now() - 2 * DAY * 1000) })).toEqual(['snap-000000000000000a', 'ami-000000000000000c']);
    expect(await list({ ByCreatedBefore: new Date(Date.now() - 2 * DAY * 1000) })).toEqual(['snap-000000000000000b']);
  });

  test('pages of MaxResults follow NextToken until every point is returned once; MaxResults outside 1-1000 is refused', async () => {
    // Prepare: 7 points, pages of 3.
    await seedRecoveryPoints(at(), Array.from({ length: 7 }, (_, i) => ebsPoint(`snap-${String(i).padStart(17, '0')}`, `vol-${String(i).padStart(17, '0')}`, (i + 1) * HOUR)));

    // Act
    const pages: string[][] = [];
    for await (const page of paginateListRecoveryPointsByBackupVault({ client: backup(), pageSize: 3 }, { BackupVaultName: VAULT })) {
      pages.push((page.RecoveryPoints ?? []).map((p) => p.RecoveryPointArn!.split('/')[1]!));
    }
    const tooMany = await failureOf(backup().send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: VAULT, MaxResults: 1001 })));
    const foreignToken = await failureOf(backup().send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: VAULT, NextToken: 'not-a-token' })));

    // Assess
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(Array.from({ length: 7 }, (_, i) => `snap-${String(i).padStart(17, '0')}`));
    expect(tooMany).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(foreignToken).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
  });

  test('a vault that does not exist answers AccessDeniedException (403), as AWS does, not ResourceNotFound', async () => {
    const listing = await failureOf(backup().send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'no-such-vault' })));
    const describing = await failureOf(
      backup().send(new DescribeRecoveryPointCommand({ BackupVaultName: 'no-such-vault', RecoveryPointArn: `arn:aws:ec2:${SEOUL}::snapshot/snap-0` })),
    );

    expect(listing).toEqual({ name: 'AccessDeniedException', status: 403, message: 'Insufficient privileges to perform this action.' });
    expect(describing).toMatchObject({ name: 'AccessDeniedException', status: 403 });
  });

  test('an unknown recovery point in an existing vault answers ResourceNotFoundException (400)', async () => {
    const failure = await failureOf(backup().send(new DescribeRecoveryPointCommand({ BackupVaultName: VAULT, RecoveryPointArn: `arn:aws:ec2:${SEOUL}::snapshot/snap-missing` })));

    expect(failure).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });

  test('a vault that holds recovery points cannot be deleted, as on AWS', async () => {
    await seedRecoveryPoints(at(), [ebsPoint('snap-0000000000000001', 'vol-0000000000000001', HOUR)]);

    const failure = await failureOf(backup().send(new DeleteBackupVaultCommand({ BackupVaultName: VAULT })));

    expect(failure).toEqual({ name: 'InvalidRequestException', status: 400, message: 'Backup vault cannot be deleted because it contains recovery points.' });
  });

  test('points and jobs belong to one account and region: another region or account sees none of them', async () => {
    await seedRecoveryPoints(at(), [ebsPoint('snap-0000000000000001', 'vol-0000000000000001', HOUR)]);
    await seedBackupJobs(at(), [job('job-1', 'FAILED', HOUR)]);

    const tokyo = await backup(TOKYO).send(new ListProtectedResourcesCommand({}));
    const tokyoJobs = await backup(TOKYO).send(new ListBackupJobsCommand({}));
    proxy.newAccount();
    const otherAccount = await backup().send(new ListProtectedResourcesCommand({}));

    expect([tokyo.Results, tokyoJobs.BackupJobs, otherAccount.Results]).toEqual([[], [], []]);
  });
});

describe('backup jobs', () => {
  test('ListBackupJobs filters by state, creation time and resource, newest first, over pages', async () => {
    // Prepare
    const web = instanceArn('i-00000000000000web');
    await seedBackupJobs(at(), [
      job('job-failed-old', 'FAILED', 9 * DAY, web, { StatusMessage: 'Insufficient privileges to perform this action.' }),
      job('job-failed-new', 'FAILED', 2 * DAY, web, { StatusMessage: 'The volume is in use.' }),
      job('job-expired', 'EXPIRED', 1 * DAY),
      job('job-done', 'COMPLETED', 1 * HOUR, web),
    ]);
    const client = backup();
    const ids = (jobs: BackupJob[] | undefined) => (jobs ?? []).map((j) => j.BackupJobId);

    // Act
    const failed = await client.send(new ListBackupJobsCommand({ ByState: 'FAILED' }));
    const lastWeek = await client.send(new ListBackupJobsCommand({ ByCreatedAfter: new Date(Date.now() - 7 * DAY * 1000) }));
    const ofWeb = await client.send(new ListBackupJobsCommand({ ByResourceArn: web, ByState: 'FAILED', ByCreatedAfter: new Date(Date.now() - 7 * DAY * 1000) }));
    const paged: string[] = [];
    for await (const page of paginateListBackupJobs({ client, pageSize: 1 }, {})) paged.push(...ids(page.BackupJobs).map(String));

    // Assess
    expect(ids(failed.BackupJobs)).toEqual(['job-failed-new', 'job-failed-old']);
    expect(failed.BackupJobs?.[0]).toMatchObject({ AccountId: account, StatusMessage: 'The volume is in use.', BackupVaultArn: `arn:aws:backup:${SEOUL}:${account}:backup-vault:${VAULT}` });
    expect(ids(lastWeek.BackupJobs)).toEqual(['job-done', 'job-expired', 'job-failed-new']);
    expect(ids(ofWeb.BackupJobs)).toEqual(['job-failed-new']);
    expect(paged).toEqual(['job-done', 'job-expired', 'job-failed-new', 'job-failed-old']);
  });

  test('jobs older than 30 days are no longer listed, as AWS keeps them 30 days', async () => {
    await seedBackupJobs(at(), [job('job-31-days', 'FAILED', 31 * DAY), job('job-29-days', 'FAILED', 29 * DAY)]);

    const listed = await backup().send(new ListBackupJobsCommand({}));

    expect(listed.BackupJobs?.map((j) => j.BackupJobId)).toEqual(['job-29-days']);
  });

  test('a state AWS does not know is refused naming the allowed states', async () => {
    const failure = await failureOf(backup().send(new ListBackupJobsCommand({ ByState: 'BROKEN' as never })));

    expect(failure.name).toBe('InvalidParameterValueException');
    expect(failure.message).toContain('COMPLETED, FAILED, EXPIRED');
  });
});

describe('what the emulation does not do, and bad seeds', () => {
  test('an AWS Backup operation it does not implement fails at once with 501 naming it, never a fake success', async () => {
    const failure = await failureOf(
      backup().send(new StartBackupJobCommand({ BackupVaultName: VAULT, ResourceArn: volumeArn('vol-0000000000000001'), IamRoleArn: `arn:aws:iam::${account}:role/r` })),
    );

    expect(failure).toMatchObject({ name: 'NotImplemented', status: 501 });
    expect(failure.message).toContain('StartBackupJob');
  });

  test('a seed with an unknown member, a wrong type, a missing field or an ARN AWS would not give the point is refused naming it, and nothing is stored', async () => {
    const good = ebsPoint('snap-0000000000000001', 'vol-0000000000000001', HOUR);
    const attempts: [string, unknown[]][] = [
      ['RecoveryPoints[1].SizeGb is not a member of DescribeRecoveryPointOutput', [good, { ...good, SizeGb: 8 }]],
      ['RecoveryPoints[0].Status must be one of COMPLETED', [{ ...good, Status: 'DONE' }]],
      ['RecoveryPoints[0].BackupSizeInBytes must be a whole number', [{ ...good, BackupSizeInBytes: '8 GiB' }]],
      ['RecoveryPoints[0].ResourceArn is required', [{ ...good, ResourceArn: undefined }]],
      ['RecoveryPoints[0].BackupVaultName: no backup vault other-vault', [{ ...good, BackupVaultName: 'other-vault' }]],
      // EC2 and EBS points carry the AMI's or snapshot's EC2 ARN, as AWS gives them (moto_backup.py cites the captures).
      [`RecoveryPoints[0].RecoveryPointArn: an EBS recovery point's ARN is arn:aws:ec2:${SEOUL}::snapshot/snap-`, [{ ...good, RecoveryPointArn: `arn:aws:backup:${SEOUL}:${account}:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45` }]],
      [`RecoveryPoints[0].RecoveryPointArn: an EC2 recovery point's ARN is arn:aws:ec2:${SEOUL}::image/ami-`, [{ ...good, ResourceType: 'EC2', ResourceArn: instanceArn('i-0a1b2c3d4e5f60001') }]],
      [`RecoveryPoints[0].ResourceArn: an EBS recovery point's resource is arn:aws:ec2:${SEOUL}:ACCOUNT:volume/vol-`, [{ ...good, ResourceArn: instanceArn('i-0a1b2c3d4e5f60001') }]],
      [`RecoveryPoints[0].RecoveryPointArn: an EBS recovery point's ARN is arn:aws:ec2:${SEOUL}::snapshot/snap-`, [{ ...good, RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0000000000000001' }]],
    ];

    for (const [message, points] of attempts) {
      await expect(seedRecoveryPoints(at(), points as RecoveryPointSeed[])).rejects.toThrow(message);
    }
    const stored = await backup().send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: VAULT }));
    expect(stored.RecoveryPoints).toEqual([]);
  });
});
