/**
 * `terraform apply` of the module for real, against moto (through the aws-proxy, so this test has
 * an AWS account of its own), from its local example root (terraform/examples/local: the provider
 * with the emulator's settings, calling the module): then what a user would check in the console,
 * then that a second plan changes nothing, then `destroy`.
 *
 * moto gaps worked around in the harness only: scripts/local/moto_launcher.py adds the two Step
 * Functions operations provider 5.100 calls (ValidateStateMachineDefinition,
 * ListStateMachineVersions); Lambda and Scheduler are read over moto's REST API (helpers/moto-rest)
 * because their SDK clients are not installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  BackupClient,
  DescribeBackupVaultCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  ListBackupSelectionsCommand,
} from '@aws-sdk/client-backup';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { readCostReportConfig, readNotifyConfig, readPowerScheduleConfig, readTargetsConfig, readWorkStoreConfig } from '../../functions/shared/config';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { getLambdaFunction, getSchedule, logGroupRetentions, motoGetJson, motoIamQuery, motoPostJson } from './helpers/moto-rest';
import { createWorkspace, DEPLOYED_FUNCTIONS, functionsOf, renderAsl, REPO_ROOT, WORKFLOWS, type TerraformWorkspace } from './helpers/terraform';

const execFileAsync = promisify(execFile);

// What terraform/examples/local/main.tf sets.
const REGION = 'ap-northeast-2';
const PREFIX = 'ops-local';
const BUCKET = 'ops-automation-local-reports';
const SKIP_DATES = ['2026-01-01', '2026-12-25'];

interface Outputs {
  power_schedule_state_machine_arn: string;
  cost_report_state_machine_arn: string;
  report_bucket_name: string;
  report_prefix: string;
  region: string;
  state_machine_console_urls: Record<string, string>;
  schedule_names: Record<string, string>;
  schedule_group_name: string;
  function_names: Record<string, string>;
  log_group_names: Record<string, string>;
}

let proxy: AwsProxy;
let workspace: TerraformWorkspace;
let varArgs: string[];
let outputs: Outputs;
let destroyed = false;
let sfn: SFNClient;
let s3: S3Client;

beforeAll(async () => {
  proxy = await startAwsProxy();
  workspace = await createWorkspace('local');
  varArgs = [`-var=endpoint_url=${proxy.url}`];
  sfn = new SFNClient({ region: REGION, endpoint: proxy.url, maxAttempts: 1 });
  s3 = new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true, maxAttempts: 1 });

  await workspace.run(['apply', '-auto-approve', '-no-color', '-lock=false', ...varArgs]);
  const raw = JSON.parse((await workspace.run(['output', '-json'])).stdout) as Record<string, { value: unknown }>;
  outputs = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.value])) as unknown as Outputs;
}, 300_000);

afterAll(async () => {
  // Only reached with resources left when an assertion failed before the destroy test.
  if (workspace && !destroyed) await workspace.run(['destroy', '-auto-approve', '-no-color', '-lock=false', '-refresh=false', ...varArgs], { allowFailure: true });
  workspace?.remove();
  sfn?.destroy();
  s3?.destroy();
  await proxy?.close();
}, 300_000);

const functionArn = (folder: string) => `arn:aws:lambda:${REGION}:${proxy.accountId}:function:${PREFIX}-${folder}`;
const machineArn = (workflow: string) => `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:${PREFIX}-${workflow}`;

// --- Backups (terraform/backup.tf) ------------------------------------------------------------------
// What AWS Backup, KMS, IAM and CloudWatch hold after the apply above, found through the outputs.
// Before the block below on purpose: it ends with the second plan (which covers these resources
// too: nothing to change) and the destroy. AWS Backup is read with its SDK client; KMS and
// CloudWatch over their JSON protocols, IAM over its query protocol (their clients are not installed).

interface BackupOutputs {
  backup_vault_name: string;
  backup_vault_arn: string;
  backup_kms_key_arn: string;
  backup_role_arn: string;
  backup_plans: Record<string, { id: string; arn: string; name: string; selection_id: string; tag_key: string; tag_value: string; cron: string; timezone: string; retention_days: number }>;
  backup_alarm_names: Record<string, string>;
}

describe('terraform apply against the local emulator: AWS Backup', () => {
  let backupOutputs: BackupOutputs;
  let backup: BackupClient;

  const iamQuery = (action: string, params: Record<string, string>) => motoIamQuery(proxy.url, action, params);

  beforeAll(() => {
    backupOutputs = outputs as unknown as BackupOutputs;
    backup = new BackupClient({ region: REGION, endpoint: proxy.url, maxAttempts: 1 });
  });

  afterAll(() => backup?.destroy());

  test('the vault is encrypted with the KMS key the module created, which rotates and has its alias', async () => {
    const vault = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: `${PREFIX}-backups` }));
    const keyId = backupOutputs.backup_kms_key_arn.split('/').pop();
    const key = (await motoPostJson(proxy.url, 'kms', REGION, 'TrentService.DescribeKey', { KeyId: keyId })) as { KeyMetadata: { KeyState: string; Arn: string } };
    const rotation = (await motoPostJson(proxy.url, 'kms', REGION, 'TrentService.GetKeyRotationStatus', { KeyId: keyId })) as { KeyRotationEnabled: boolean };
    const aliases = (await motoPostJson(proxy.url, 'kms', REGION, 'TrentService.ListAliases', { KeyId: keyId })) as { Aliases: { AliasName: string }[] };

    expect([backupOutputs.backup_vault_name, backupOutputs.backup_vault_arn]).toEqual([`${PREFIX}-backups`, `arn:aws:backup:${REGION}:${proxy.accountId}:backup-vault:${PREFIX}-backups`]);
    expect(vault.EncryptionKeyArn).toBe(backupOutputs.backup_kms_key_arn);
    expect([key.KeyMetadata.Arn, key.KeyMetadata.KeyState, rotation.KeyRotationEnabled]).toEqual([backupOutputs.backup_kms_key_arn, 'Enabled', true]);
    expect(aliases.Aliases.map((a) => a.AliasName)).toEqual([`alias/${PREFIX}-backups`]);
  });

  test('the vault access policy denies deleting recovery points or shortening their retention to everyone (no admin role named)', async () => {
    const policy = await backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: `${PREFIX}-backups` }));
    const statements = (JSON.parse(policy.Policy ?? '{}') as { Statement: { Effect: string; Principal: unknown; Action: string[]; Condition?: unknown }[] }).Statement;

    expect(statements.map((s) => [s.Effect, s.Principal, [...s.Action].sort(), s.Condition])).toEqual([
      ['Deny', '*', ['backup:DeleteRecoveryPoint', 'backup:DisassociateRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], undefined],
    ]);
  });

  test('the daily plan runs at 03:00 Asia/Seoul into the vault, keeps points 35 days, and its selection takes Backup=Daily instances and volumes', async () => {
    const daily = backupOutputs.backup_plans.daily!;

    const plan = await backup.send(new GetBackupPlanCommand({ BackupPlanId: daily.id }));
    const selection = await backup.send(new GetBackupSelectionCommand({ BackupPlanId: daily.id, SelectionId: daily.selection_id }));
    const selections = await backup.send(new ListBackupSelectionsCommand({ BackupPlanId: daily.id }));

    expect(Object.keys(backupOutputs.backup_plans)).toEqual(['daily']);
    expect(plan.BackupPlan?.BackupPlanName).toBe(`${PREFIX}-daily`);
    expect(plan.BackupPlan?.Rules?.map((r) => [r.TargetBackupVaultName, r.ScheduleExpression, r.ScheduleExpressionTimezone, r.Lifecycle?.DeleteAfterDays])).toEqual([
      [`${PREFIX}-backups`, 'cron(0 3 * * ? *)', 'Asia/Seoul', 35],
    ]);
    expect(selection.BackupSelection).toMatchObject({
      SelectionName: `${PREFIX}-daily`,
      IamRoleArn: backupOutputs.backup_role_arn,
      Resources: expect.arrayContaining(['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*']),
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/Backup', ConditionValue: 'Daily' }] },
    });
    expect(selection.BackupSelection?.Resources).toHaveLength(2);
    expect(selection.BackupSelection?.ListOfTags ?? []).toEqual([]);
    expect(selections.BackupSelectionsList?.map((s) => s.SelectionId)).toEqual([daily.selection_id]);
  });

  test('the backup role carries the AWS managed backup and restore policies', async () => {
    const attached = await iamQuery('ListAttachedRolePolicies', { RoleName: `${PREFIX}-backup` });

    expect(backupOutputs.backup_role_arn).toBe(`arn:aws:iam::${proxy.accountId}:role/${PREFIX}-backup`);
    expect([...attached.matchAll(/<PolicyArn>([^<]+)<\/PolicyArn>/g)].map((m) => m[1]).sort()).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });

  test('alarms watch the vault\'s failed, cancelled and never-started backup jobs and its undeletable recovery points', async () => {
    const names = Object.values(backupOutputs.backup_alarm_names);
    const found = (await motoPostJson(proxy.url, 'monitoring', REGION, 'GraniteServiceVersion20100801.DescribeAlarms', { AlarmNames: names })) as {
      MetricAlarms: { AlarmName: string; Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[]; Statistic: string; Threshold: number }[];
    };

    expect(found.MetricAlarms.map((a) => [a.AlarmName, a.Namespace, a.MetricName, a.Dimensions, a.Statistic, a.Threshold]).sort()).toEqual([
      [`${PREFIX}-backup-jobs-aborted`, 'AWS/Backup', 'NumberOfBackupJobsAborted', [{ Name: 'BackupVaultName', Value: `${PREFIX}-backups` }], 'Sum', 1],
      [`${PREFIX}-backup-jobs-expired`, 'AWS/Backup', 'NumberOfBackupJobsExpired', [{ Name: 'BackupVaultName', Value: `${PREFIX}-backups` }], 'Sum', 1],
      [`${PREFIX}-backup-jobs-failed`, 'AWS/Backup', 'NumberOfBackupJobsFailed', [{ Name: 'BackupVaultName', Value: `${PREFIX}-backups` }], 'Sum', 1],
      [`${PREFIX}-backup-recovery-points-expired`, 'AWS/Backup', 'NumberOfRecoveryPointsExpired', [{ Name: 'BackupVaultName', Value: `${PREFIX}-backups` }], 'Maximum', 1],
    ]);
  });
});

// --- End of the backups block --------------------------------------------------------------------------

// --- Notifications and the dashboard (terraform/notifications.tf, dashboard.tf) ---------------------
// What SNS, KMS, CloudWatch and Lambda hold after the apply above. Also before the main block, whose
// last tests are the no-change plan and the destroy. SNS is read with its SDK client; KMS and
// CloudWatch over their JSON protocols (their clients are not installed). AWS Chatbot is not in moto:
// the example sets no chatbot_slack, and policy.test.ts plans the channel configuration instead.

interface NotificationOutputs {
  notification_topic_arn: string;
  notification_kms_key_arn: string;
  notification_subscription_arns: Record<string, string>;
  chatbot_configuration_arn?: string;
  dashboard_name: string;
  dashboard_url: string;
}

describe('terraform apply against the local emulator: notifications and the dashboard', () => {
  let notificationOutputs: NotificationOutputs;
  let sns: SNSClient;
  const topicArn = () => `arn:aws:sns:${REGION}:${proxy.accountId}:${PREFIX}-notifications`;

  beforeAll(() => {
    notificationOutputs = outputs as unknown as NotificationOutputs;
    sns = new SNSClient({ region: REGION, endpoint: proxy.url, maxAttempts: 1 });
  });
  afterAll(() => sns?.destroy());

  test('the topic exists, encrypted with the module\'s rotating key, whose policy lets CloudWatch alarms publish through it', async () => {
    const attributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn() }))).Attributes ?? {};
    const keyId = notificationOutputs.notification_kms_key_arn.split('/').pop();
    const rotation = (await motoPostJson(proxy.url, 'kms', REGION, 'TrentService.GetKeyRotationStatus', { KeyId: keyId })) as { KeyRotationEnabled: boolean };
    const { Policy } = (await motoPostJson(proxy.url, 'kms', REGION, 'TrentService.GetKeyPolicy', { KeyId: keyId, PolicyName: 'default' })) as { Policy: string };
    const statements = (JSON.parse(Policy) as { Statement: { Principal: unknown; Action: string | string[] }[] }).Statement;

    expect(notificationOutputs.notification_topic_arn).toBe(topicArn());
    expect(attributes.KmsMasterKeyId).toBe(notificationOutputs.notification_kms_key_arn);
    expect(rotation.KeyRotationEnabled).toBe(true);
    expect(statements.filter((st) => JSON.stringify(st.Principal) === '{"Service":"cloudwatch.amazonaws.com"}').map((st) => [st.Action].flat().sort())).toEqual([
      ['kms:Decrypt', 'kms:GenerateDataKey*'],
    ]);
  });

  test('the e-mail address and the HTTPS endpoint of notification_subscriptions are subscribed to the topic', async () => {
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn() }));

    expect((listed.Subscriptions ?? []).map((sub) => [sub.Protocol, sub.Endpoint, sub.SubscriptionArn]).sort()).toEqual([
      ['email', 'ops-team@example.com', notificationOutputs.notification_subscription_arns['email:ops-team@example.com']],
      ['https', 'https://hooks.example.com/ops-automation', notificationOutputs.notification_subscription_arns['https:https://hooks.example.com/ops-automation']],
    ]);
    // No chatbot_slack: the output is null, which `terraform output -json` leaves out.
    expect(notificationOutputs).not.toHaveProperty('chatbot_configuration_arn');
  });

  test('every alarm of the module notifies the topic when it fires and when it clears, but the failed-executions alarms (the rule below tells the topic of each failed execution)', async () => {
    const found = (await motoPostJson(proxy.url, 'monitoring', REGION, 'GraniteServiceVersion20100801.DescribeAlarms', { AlarmNamePrefix: `${PREFIX}-` })) as {
      MetricAlarms: { AlarmName: string; AlarmActions: string[]; OKActions: string[] }[];
    };

    expect(found.MetricAlarms.map((a) => a.AlarmName).sort()).toEqual([
      `${PREFIX}-backup-jobs-aborted`,
      `${PREFIX}-backup-jobs-expired`,
      `${PREFIX}-backup-jobs-failed`,
      `${PREFIX}-backup-recovery-points-expired`,
      `${PREFIX}-cost-report-executions-failed`,
      `${PREFIX}-power-schedule-executions-failed`,
      `${PREFIX}-schedule-dead-letters`,
    ]);
    for (const alarm of found.MetricAlarms) {
      const expected = alarm.AlarmName.endsWith('-executions-failed') ? [] : [topicArn()];
      expect([alarm.AlarmName, alarm.AlarmActions, alarm.OKActions]).toEqual([alarm.AlarmName, expected, expected]);
    }
  });

  test('the rule for failed, timed-out and aborted executions of both state machines exists and targets the notify function', async () => {
    const rule = (await motoPostJson(proxy.url, 'events', REGION, 'AWSEvents.DescribeRule', { Name: `${PREFIX}-execution-failed` })) as { EventPattern: string; State: string };
    const targets = (await motoPostJson(proxy.url, 'events', REGION, 'AWSEvents.ListTargetsByRule', { Rule: `${PREFIX}-execution-failed` })) as { Targets: { Id: string; Arn: string }[] };
    const pattern = JSON.parse(rule.EventPattern) as { source: string[]; 'detail-type': string[]; detail: { status: string[]; stateMachineArn: string[] } };

    expect(rule.State).toBe('ENABLED');
    expect([pattern.source, pattern['detail-type'], pattern.detail.status]).toEqual([['aws.states'], ['Step Functions Execution Status Change'], ['FAILED', 'TIMED_OUT', 'ABORTED']]);
    expect([...pattern.detail.stateMachineArn].sort()).toEqual([machineArn('cost-report'), machineArn('power-schedule')]);
    expect(targets.Targets.map((t) => [t.Id, t.Arn])).toEqual([['notify', functionArn('notify')]]);
  });

  test('the dashboard exists with the alarms, the executions, the run counts and the weekly costs', async () => {
    const dashboard = (await motoPostJson(proxy.url, 'monitoring', REGION, 'GraniteServiceVersion20100801.GetDashboard', { DashboardName: PREFIX })) as { DashboardBody: string };
    const body = JSON.parse(dashboard.DashboardBody) as { widgets: { type: string; properties: { title?: string } }[] };

    expect(notificationOutputs.dashboard_name).toBe(PREFIX);
    expect(notificationOutputs.dashboard_url).toBe(`https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards/dashboard/${PREFIX}`);
    expect(body.widgets.map((w) => [w.type, w.properties.title])).toEqual([
      ['text', undefined],
      ['alarm', 'Alarms'],
      ['metric', 'Executions per day'],
      ['metric', 'Execution time (ms, average)'],
      ['metric', 'Resources changed per day (power-schedule)'],
      ['metric', 'Resources stopped and started, by region'],
      ['metric', 'Weekly cost report (USD per month)'],
      ['metric', 'Unpriced items and backup coverage'],
    ]);
  });

  test('the notify function runs with the topic, the report bucket and the link hours its config reads', async () => {
    const fn = await getLambdaFunction(proxy.url, REGION, `${PREFIX}-notify`);

    expect(readNotifyConfig(fn.Environment?.Variables ?? {})).toMatchObject({ topicArn: topicArn(), reportBucket: BUCKET, reportPrefix: 'ec2/', reportLinkHours: 24, notifyOnSuccess: false });
    expect(fn.Role).toMatch(new RegExp(`:role/${PREFIX}-notify-lambda$`));
  });
});


describe('terraform apply against the local emulator', () => {
  test('outputs name everything the ops CLI needs, in the deployment account and region', () => {
    expect(outputs.power_schedule_state_machine_arn).toBe(machineArn('power-schedule'));
    expect(outputs.cost_report_state_machine_arn).toBe(machineArn('cost-report'));
    expect(outputs.report_bucket_name).toBe(BUCKET);
    expect(outputs.report_prefix).toBe('ec2/');
    expect(outputs.region).toBe(REGION);
    expect(outputs.state_machine_console_urls['power-schedule']).toBe(
      `https://${REGION}.console.aws.amazon.com/states/home?region=${REGION}#/statemachines/view/${machineArn('power-schedule')}`,
    );
    expect(Object.keys(outputs.function_names).sort()).toEqual([...DEPLOYED_FUNCTIONS].sort());
    expect(outputs.log_group_names['render-report']).toBe(`/aws/lambda/${PREFIX}-render-report`);
    expect(outputs.log_group_names['power-schedule']).toBe(`/aws/vendedlogs/states/${PREFIX}-power-schedule`);
  });

  test.each(WORKFLOWS)('the %s state machine runs the ASL file, rendered with the deployed function ARNs', async (workflow) => {
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn(workflow) }));

    expect(JSON.parse(machine.definition ?? '{}')).toEqual(renderAsl(workflow, 'aws', functionArn));
    expect(machine.roleArn).toMatch(new RegExp(`:role/${PREFIX}-${workflow}-sfn$`));
    expect(machine.type).toBe('STANDARD');
  });

  test('every function runs index.handler on nodejs22.x with an environment its own config accepts', async () => {
    for (const workflow of WORKFLOWS) {
      for (const folder of functionsOf(workflow)) {
        const fn = await getLambdaFunction(proxy.url, REGION, `${PREFIX}-${folder}`);
        const env = fn.Environment?.Variables ?? {};

        expect([folder, fn.Handler, fn.Runtime]).toEqual([folder, 'index.handler', 'nodejs22.x']);
        expect(fn.Role).toMatch(new RegExp(`:role/${PREFIX}-${folder}-lambda$`));
        expect(env.POWERTOOLS_SERVICE_NAME).toBe(`${PREFIX}-${workflow}`);
        expect(env.POWERTOOLS_LOG_LEVEL).toBe('INFO');
        if (workflow === 'power-schedule') {
          const config = readPowerScheduleConfig(env);
          expect(config).toMatchObject({ targetRegions: ['ap-northeast-2', 'us-east-1'], tagKey: 'AutoStopStart', tagValue: 'Yes' });
          // The local example names no other account: the deployment account alone, today's behaviour.
          expect(readTargetsConfig(env)).toEqual({ targetRegions: ['ap-northeast-2', 'us-east-1'], targetAccounts: [], organizationUnitIds: [], memberRoleName: 'ops-automation-member' });
          expect(readWorkStoreConfig(env)).toEqual({ reportBucket: BUCKET, workPrefix: 'work/' });
          // Verify and retry poll for up to verifyTimeoutSeconds; Lambda must not cut them off.
          if (folder === 'verify-instance-states' || folder === 'retry-unfinished') {
            expect(fn.Timeout).toBeGreaterThan(config.verifyTimeoutSeconds);
          }
        } else {
          const config = readCostReportConfig(env);
          expect(config).toMatchObject({
            targetRegions: ['ap-northeast-2', 'us-east-1'],
            reportBucket: BUCKET,
            reportPrefix: 'ec2/',
            workPrefix: 'work/',
            pricingRegion: 'us-east-1',
            reportTimezone: 'Asia/Seoul',
            tagKey: 'AutoStopStart',
            costExplorer: true,
          });
          // Only enabled schedules save money; night-shift is disabled in the example. Skip dates keep instances stopped.
          expect(config.powerSchedules).toEqual([
            { tagValue: 'Yes', stopCron: 'cron(0 20 ? * MON-FRI *)', startCron: 'cron(0 8 ? * MON-FRI *)', timezone: 'Asia/Seoul', skipDates: ['2026-01-01', '2026-12-25'] },
          ]);
        }
      }
    }
  });

  test('every schedule fires on its cron in its time zone and starts the right state machine with the right input', async () => {
    const expected = {
      'office-hours-stop': { cron: 'cron(0 20 ? * MON-FRI *)', tz: 'Asia/Seoul', state: 'ENABLED', workflow: 'power-schedule', input: { action: 'stop', tagValue: 'Yes', timezone: 'Asia/Seoul', hibernate: false } },
      'office-hours-start': {
        cron: 'cron(0 8 ? * MON-FRI *)', tz: 'Asia/Seoul', state: 'ENABLED', workflow: 'power-schedule',
        input: { action: 'start', tagValue: 'Yes', timezone: 'Asia/Seoul', skipDates: SKIP_DATES },
      },
      'night-shift-stop': { cron: 'cron(0 6 ? * MON-FRI *)', tz: 'Europe/Berlin', state: 'DISABLED', workflow: 'power-schedule', input: { action: 'stop', tagValue: 'Night', timezone: 'Europe/Berlin', hibernate: true } },
      'night-shift-start': {
        cron: 'cron(0 18 ? * SUN-THU *)', tz: 'Europe/Berlin', state: 'DISABLED', workflow: 'power-schedule',
        input: { action: 'start', tagValue: 'Night', timezone: 'Europe/Berlin', skipDates: SKIP_DATES },
      },
      'cost-report': { cron: 'cron(0 9 ? * MON *)', tz: 'Asia/Seoul', state: 'ENABLED', workflow: 'cost-report', input: {} },
    };
    expect(Object.keys(outputs.schedule_names).sort()).toEqual(Object.keys(expected).sort());

    for (const [key, want] of Object.entries(expected)) {
      const schedule = await getSchedule(proxy.url, REGION, outputs.schedule_group_name, `${PREFIX}-${key}`);

      expect({ key, expression: schedule.ScheduleExpression, timezone: schedule.ScheduleExpressionTimezone, state: schedule.State }).toEqual({
        key, expression: want.cron, timezone: want.tz, state: want.state,
      });
      expect(schedule.Target.Arn).toBe(machineArn(want.workflow));
      expect(JSON.parse(schedule.Target.Input ?? 'null')).toEqual(want.input);
      expect(schedule.Target.RoleArn).toMatch(new RegExp(`:role/${PREFIX}-scheduler$`));
      expect(schedule.Target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 });
      expect(schedule.Target.DeadLetterConfig?.Arn).toBe(`arn:aws:sqs:${REGION}:${proxy.accountId}:${PREFIX}-schedule-dead-letter`);
    }
  });

  test('the report bucket is encrypted, blocks public access, keeps versions, and expires only scratch files', async () => {
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }));
    const publicAccess = await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }));
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));

    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    expect(publicAccess.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
    expect(versioning.Status).toBe('Enabled');
    const expiring = (lifecycle.Rules ?? []).filter((r) => r.Status === 'Enabled' && r.Expiration);
    expect(expiring.map((r) => [r.Filter?.Prefix, r.Expiration?.Days])).toEqual([['work/', 7]]);
  });

  test('the state machines and functions log to their own log groups, kept for log_retention_days', async () => {
    const retentions = await logGroupRetentions(proxy.url, REGION);
    expect(Object.keys(outputs.log_group_names)).toHaveLength(DEPLOYED_FUNCTIONS.length + WORKFLOWS.length);
    for (const name of Object.values(outputs.log_group_names)) expect([name, retentions[name]]).toEqual([name, 7]);

    for (const workflow of WORKFLOWS) {
      const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn(workflow) }));
      const destinations = machine.loggingConfiguration?.destinations ?? [];
      expect(destinations.map((d) => d.cloudWatchLogsLogGroup?.logGroupArn)).toEqual([
        `arn:aws:logs:${REGION}:${proxy.accountId}:log-group:${outputs.log_group_names[workflow]}:*`,
      ]);
    }
  });

  test('the ops CLI finds the deployment through terraform output and starts a run on it', async () => {
    // Prepare: ops reads `terraform output -json` in this working copy, and reaches moto through the proxy.
    const env: NodeJS.ProcessEnv = { ...process.env, OPS_TF_DIR: workspace.rootDir, AWS_ENDPOINT_URL: proxy.url };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'OPS_POWER_SCHEDULE_ARN', 'OPS_COST_REPORT_ARN']) delete env[name];

    // Act
    const { stdout } = await execFileAsync('npx', ['tsx', 'scripts/ops.ts', 'run', 'power-schedule', '--action', 'stop', '--dry-run'], { cwd: REPO_ROOT, env });

    // Assess
    expect(stdout).toContain(`${machineArn('power-schedule').replace(':stateMachine:', ':execution:')}:manual-stop-dryrun-`);
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn('power-schedule') }));
    expect(executions.executions).toHaveLength(1);
    const started = await sfn.send(new DescribeExecutionCommand({ executionArn: executions.executions![0]!.executionArn }));
    expect(JSON.parse(started.input ?? '{}')).toEqual({ action: 'stop', dryRun: true });
  }, 120_000);

  test('a second plan finds nothing to change', async () => {
    const plan = await workspace.run(['plan', '-detailed-exitcode', '-no-color', '-lock=false', ...varArgs], { allowFailure: true });

    // 0 = no changes, 2 = changes (drift), 1 = error.
    expect({ code: plan.code, changes: plan.code === 0 ? '' : plan.stdout + plan.stderr }).toEqual({ code: 0, changes: '' });
  }, 300_000);

  test('destroy removes the state machines, functions, schedules and bucket', async () => {
    await workspace.run(['destroy', '-auto-approve', '-no-color', '-lock=false', '-refresh=false', ...varArgs]);
    destroyed = true;

    const machines = await sfn.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines ?? []).toEqual([]);
    await expect(s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).rejects.toThrow();
    await expect(getLambdaFunction(proxy.url, REGION, `${PREFIX}-validate-input`)).rejects.toThrow(/404/);
    const schedules = (await motoGetJson(proxy.url, 'scheduler', REGION, '/schedules')) as { Schedules?: unknown[] };
    expect(schedules.Schedules ?? []).toEqual([]);
  }, 300_000);
});
