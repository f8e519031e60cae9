/**
 * The module before anything is deployed: formatting, validation, input checks a user meets on
 * `plan`, the tags it sets, and the least-privilege IAM it renders (read from the plan, so every
 * policy must be known before apply: a reviewer sees exactly what will be granted). Planned from
 * its local example root (terraform/examples/local), as a caller uses it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, readVariables } from '../../scripts/lib/terraform-docs';
import { readNotifyConfig } from '../../functions/shared/config';
import { METRICS_NAMESPACE, POWER_RUN_METRICS, REPORT_METRICS } from '../../functions/shared/metrics';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { evaluate, actionsOf, statementsOf, type PolicyDocument } from './helpers/iam-policy';
import { INSTANCE_ACTIONS } from './helpers/least-privilege';
import { resourcesOf } from './helpers/plan';
import { createWorkspace, DEPLOYED_FUNCTIONS, fmtCheck, functionsOf, invokedBy, MODULE_DIR, type TerraformWorkspace } from './helpers/terraform';

const REGION = 'ap-northeast-2';
const TAG_KEY = 'AutoStopStart';
// From terraform/examples/local/main.tf: tag_value "Yes" plus a second schedule tagged "Night".
const CONFIGURED_TAG_VALUES = ['Yes', 'Night'];
const TAG_CHANGERS = ['change-instance-state', 'retry-unfinished'];
// From terraform/examples/local/main.tf: ebs_kms_key_arns.
const CONFIGURED_EBS_KEY = 'arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

interface TerraformModuleConfig {
  variables: Record<string, { default?: unknown; description?: string }>;
  outputs: Record<string, { description?: string }>;
}

let proxy: AwsProxy;
let workspace: TerraformWorkspace;
let plan: unknown;
let policies: Map<string, PolicyDocument>;
let bucketPolicy: PolicyDocument;

beforeAll(async () => {
  proxy = await startAwsProxy();
  workspace = await createWorkspace('local');
  const planFile = join(workspace.rootDir, 'policy.tfplan');
  await workspace.run(['plan', '-no-color', '-lock=false', `-out=${planFile}`, `-var=endpoint_url=${proxy.url}`]);
  plan = await workspace.showJson(planFile);
  policies = new Map(
    resourcesOf(plan, 'aws_iam_role_policy').map((r) => [`${r.name}[${String(r.index ?? '')}]`, JSON.parse(String(r.values.policy)) as PolicyDocument]),
  );
  const [bucket] = resourcesOf(plan, 'aws_s3_bucket_policy');
  bucketPolicy = JSON.parse(String(bucket?.values.policy)) as PolicyDocument;
}, 180_000);

afterAll(async () => {
  workspace?.remove();
  await proxy?.close();
});

function policyOf(role: string): PolicyDocument {
  const policy = policies.get(role);
  if (!policy) throw new Error(`no rendered policy for ${role}; have ${[...policies.keys()].join(', ')}`);
  return policy;
}

/** Plans the local example with `moduleArguments` overriding its module call (one plan at a time: the override is a file). */
async function planOverridden(name: string, moduleArguments: string, extraArgs: string[] = [], options: { allowFailure?: boolean } = {}) {
  const override = join(workspace.rootDir, `${name}_override.tf`);
  writeFileSync(override, `module "ops_automation" {\n${moduleArguments}\n}\n`);
  try {
    return await workspace.run(['plan', '-no-color', '-lock=false', '-refresh=false', `-var=endpoint_url=${proxy.url}`, ...extraArgs], options);
  } finally {
    rmSync(override);
  }
}

async function planWith(name: string, moduleArguments: string, extraArgs: string[] = []): Promise<unknown> {
  const planFile = join(workspace.rootDir, `${name}.tfplan`);
  await planOverridden(name, moduleArguments, [`-out=${planFile}`, ...extraArgs]);
  return workspace.showJson(planFile);
}

const valuesOf = (plan: unknown, type: string) => resourcesOf(plan, type).map((r) => r.values);
const vaultPolicyOf = (plan: unknown) => JSON.parse(String(valuesOf(plan, 'aws_backup_vault_policy')[0]?.policy)) as PolicyDocument;
const rolePolicyOf = (plan: unknown, address: string) => {
  const found = resourcesOf(plan, 'aws_iam_role_policy').find((r) => `${r.name}[${String(r.index ?? '')}]` === address);
  if (!found) throw new Error(`no rendered policy for ${address}`);
  return JSON.parse(String(found.values.policy)) as PolicyDocument;
};

const instanceArn = (region = REGION, account = proxy.accountId) => `arn:aws:ec2:${region}:${account}:instance/i-0123456789abcdef0`;
const stopOrStart = ['ec2:StopInstances', 'ec2:StartInstances'];

describe('terraform module, before apply', () => {
  test('every .tf file is formatted as `terraform fmt` writes it', async () => {
    const result = await fmtCheck();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('the configuration is valid', async () => {
    const result = await workspace.run(['validate', '-no-color']);
    expect(result.stdout).toContain('Success');
  }, 180_000);

  test('a mistyped cron, time zone, region, tag key or holiday is refused on plan with a message naming it', async () => {
    // Prepare: the caller passes these to the module. A Terraform override file replaces those
    // arguments of the example's module call, so no second root is needed.
    const override = join(workspace.rootDir, 'mistyped_inputs_override.tf');
    writeFileSync(
      override,
      `module "ops_automation" {
        schedules      = { typo = { stop_cron = "cron(0 20 * * MON-FRI *)", start_cron = "0 8 * * 1-5", timezone = "Seoul" } }
        target_regions = ["seoul"]
        tag_key        = "aws:owner"
        skip_dates     = ["2026-02-30"]
      }`,
    );

    // Act
    const result = await workspace
      .run(['plan', '-no-color', '-lock=false', '-refresh=false', `-var=endpoint_url=${proxy.url}`], { allowFailure: true })
      .finally(() => rmSync(override));

    // Assess
    expect(result.code).not.toBe(0);
    const errors = result.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain('stop_cron/start_cron must be cron(minutes hours day-of-month month day-of-week year)');
    expect(errors).toContain('timezone must be an IANA time zone name');
    expect(errors).toContain('target_regions must hold region codes');
    expect(errors).toContain('tag_key must be 1-128');
    expect(errors).toContain('skip_dates must be real dates');
  }, 180_000);

  test('every role policy is fully known at plan time, so it can be reviewed before apply', () => {
    const expectedRoles = [
      ...DEPLOYED_FUNCTIONS.map((f) => `function[${f}]`),
      'state_machine[power-schedule]',
      'state_machine[cost-report]',
      'scheduler[]',
    ];
    expect([...policies.keys()].sort()).toEqual(expectedRoles.sort());
  });

  test('every resource the module creates is tagged Application=ops-automation by the module itself, with the caller\'s default_tags on top', () => {
    // Prepare: the resources whose type takes tags (they have tags_all).
    const taggable = resourcesOf(plan).filter((r) => 'tags_all' in r.values);
    const moduleTags = { Application: 'ops-automation', ManagedBy: 'terraform' };

    // Assess: the local example's provider adds Environment=local through default_tags.
    expect(taggable.length).toBeGreaterThanOrEqual(DEPLOYED_FUNCTIONS.length * 3);
    for (const resource of taggable) {
      expect([resource.address, resource.values.tags]).toEqual([resource.address, expect.objectContaining(moduleTags)]);
      expect([resource.address, resource.values.tags_all]).toEqual([resource.address, expect.objectContaining({ ...moduleTags, Environment: 'local' })]);
    }
  });

  test('the README tables read every variable and output of the module as Terraform does', () => {
    // Prepare: Terraform's own reading of the module, from the plan's configuration.
    const configuration = (plan as { configuration: { root_module: { module_calls: Record<string, { module: TerraformModuleConfig }> } } })
      .configuration.root_module.module_calls.ops_automation?.module;
    const collapse = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

    // Act: what scripts/terraform-docs.ts reads.
    const variables = readVariables(readFileSync(join(MODULE_DIR, 'variables.tf'), 'utf8'));
    const outputs = readOutputs(readFileSync(join(MODULE_DIR, 'outputs.tf'), 'utf8'));

    // Assess: names, descriptions, which are required; defaults where JSON and HCL are written alike.
    expect(variables.map((v) => v.name).sort()).toEqual(Object.keys(configuration?.variables ?? {}).sort());
    for (const variable of variables) {
      const terraform = configuration?.variables[variable.name];
      expect([variable.name, collapse(variable.description), variable.default === undefined]).toEqual([
        variable.name,
        collapse(terraform?.description),
        !(terraform && 'default' in terraform),
      ]);
      const value = terraform?.default;
      if (value === null || typeof value !== 'object' || Object.keys(value).length === 0) {
        expect([variable.name, variable.default]).toEqual([variable.name, terraform && 'default' in terraform ? JSON.stringify(value) : undefined]);
      }
    }
    const byName = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);
    expect(outputs.map((o): [string, unknown] => [o.name, o.description]).sort(byName)).toEqual(
      Object.entries(configuration?.outputs ?? {}).map(([name, o]): [string, unknown] => [name, o.description]).sort(byName),
    );
  });

  test('the function roles together may do exactly these to instances, keys and backups (what a member account\'s role grants too)', () => {
    const functionRoles = [...policies].filter(([role]) => role.startsWith('function['));
    // The notification topic's key is the hub's own, used only through SNS (tested with notify below).
    const hubOnly = (s: { Sid?: string }) => s.Sid === 'EncryptNotifications';
    const granted = functionRoles.flatMap(([, p]) => statementsOf(p).filter((s) => s.Effect === 'Allow' && !hubOnly(s)).flatMap(actionsOf));

    expect([...new Set(granted.filter((a) => /^(ec2|kms|backup|autoscaling|rds|cloudwatch):/.test(a)))].sort()).toEqual(INSTANCE_ACTIONS);
  });

  test('no role is granted a wildcard action; the only wildcard is the bucket policy denying plain HTTP', () => {
    const granted = [...policies.values()].flatMap((p) => statementsOf(p).filter((s) => s.Effect === 'Allow').flatMap(actionsOf));
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.filter((action) => action.includes('*'))).toEqual([]);

    const bucketWildcards = statementsOf(bucketPolicy).filter((s) => actionsOf(s).some((a) => a.includes('*')));
    expect(bucketWildcards.map((s) => [s.Effect, s.Condition])).toEqual([['Deny', { Bool: { 'aws:SecureTransport': 'false' } }]]);
  });

  test.each(TAG_CHANGERS)('%s may stop and start only instances carrying the opt-in tag with a configured value', (fn) => {
    const policy = policyOf(`function[${fn}]`);
    for (const action of stopOrStart) {
      for (const value of CONFIGURED_TAG_VALUES) {
        expect(evaluate(policy, { action, resource: instanceArn(), context: { [`aws:ResourceTag/${TAG_KEY}`]: value } })).toBe('allowed');
      }
      expect(evaluate(policy, { action, resource: instanceArn() })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instanceArn(), context: { [`aws:ResourceTag/${TAG_KEY}`]: 'No' } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instanceArn(), context: { [`aws:ResourceTag/${TAG_KEY}`]: 'yes' } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instanceArn(), context: { Owner: 'Yes' } })).toBe('implicitly denied');
      // A region outside target_regions, and another account, are out of reach even when tagged.
      expect(evaluate(policy, { action, resource: instanceArn('eu-west-1'), context: { [`aws:ResourceTag/${TAG_KEY}`]: 'Yes' } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instanceArn(REGION, '111122223333'), context: { [`aws:ResourceTag/${TAG_KEY}`]: 'Yes' } })).toBe('implicitly denied');
    }
  });

  test.each(TAG_CHANGERS)('%s may resize only Auto Scaling groups carrying the opt-in tag, and tag them only with the saved sizes', (fn) => {
    const policy = policyOf(`function[${fn}]`);
    const group = (region = REGION, account = proxy.accountId) =>
      `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:0123abcd-ef01-2345-6789-0123456789ab:autoScalingGroupName/web`;
    const optedIn = (value: string) => ({ [`aws:ResourceTag/${TAG_KEY}`]: value });
    const savedSizes = { 'aws:TagKeys': [`${TAG_KEY}SavedSizes`] };

    for (const value of CONFIGURED_TAG_VALUES) {
      expect(evaluate(policy, { action: 'autoscaling:UpdateAutoScalingGroup', resource: group(), context: optedIn(value) })).toBe('allowed');
      for (const action of ['autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']) {
        expect(evaluate(policy, { action, resource: group(), context: { ...optedIn(value), ...savedSizes } })).toBe('allowed');
      }
    }
    for (const action of ['autoscaling:UpdateAutoScalingGroup', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']) {
      expect(evaluate(policy, { action, resource: group(), context: savedSizes })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: group(), context: { ...optedIn('yes'), ...savedSizes } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: group('eu-west-1'), context: { ...optedIn('Yes'), ...savedSizes } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: group(REGION, '111122223333'), context: { ...optedIn('Yes'), ...savedSizes } })).toBe('implicitly denied');
    }
    // Any other tag key, even on a tagged group: not the opt-in tag itself, not a second key beside the record.
    for (const action of ['autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']) {
      expect(evaluate(policy, { action, resource: group(), context: { ...optedIn('Yes'), 'aws:TagKeys': [TAG_KEY] } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: group(), context: { ...optedIn('Yes'), 'aws:TagKeys': [`${TAG_KEY}SavedSizes`, 'Owner'] } })).toBe('implicitly denied');
    }
    expect(evaluate(policy, { action: 'autoscaling:DeleteAutoScalingGroup', resource: group(), context: optedIn('Yes') })).toBe('implicitly denied');
  });

  test.each(TAG_CHANGERS)('%s may stop and start only DB instances and clusters carrying the opt-in tag, and tag them only with the stop mark', (fn) => {
    const policy = policyOf(`function[${fn}]`);
    const database = (kind: 'db' | 'cluster', region = REGION, account = proxy.accountId) => `arn:aws:rds:${region}:${account}:${kind}:orders`;
    const optedIn = (value: string) => ({ [`aws:ResourceTag/${TAG_KEY}`]: value });
    const stopMark = { 'aws:TagKeys': [`${TAG_KEY}StoppedAt`] };
    const powerActions = { db: ['rds:StopDBInstance', 'rds:StartDBInstance'], cluster: ['rds:StopDBCluster', 'rds:StartDBCluster'] } as const;

    for (const kind of ['db', 'cluster'] as const) {
      for (const action of powerActions[kind]) {
        for (const value of CONFIGURED_TAG_VALUES) expect(evaluate(policy, { action, resource: database(kind), context: optedIn(value) })).toBe('allowed');
        expect(evaluate(policy, { action, resource: database(kind) })).toBe('implicitly denied');
        expect(evaluate(policy, { action, resource: database(kind), context: optedIn('yes') })).toBe('implicitly denied');
        expect(evaluate(policy, { action, resource: database(kind, 'eu-west-1'), context: optedIn('Yes') })).toBe('implicitly denied');
        expect(evaluate(policy, { action, resource: database(kind, REGION, '111122223333'), context: optedIn('Yes') })).toBe('implicitly denied');
      }
      for (const action of ['rds:AddTagsToResource', 'rds:RemoveTagsFromResource']) {
        expect(evaluate(policy, { action, resource: database(kind), context: { ...optedIn('Yes'), ...stopMark } })).toBe('allowed');
        expect(evaluate(policy, { action, resource: database(kind), context: stopMark })).toBe('implicitly denied');
        // Not the opt-in tag itself, not a second key beside the mark.
        expect(evaluate(policy, { action, resource: database(kind), context: { ...optedIn('Yes'), 'aws:TagKeys': [TAG_KEY] } })).toBe('implicitly denied');
        expect(evaluate(policy, { action, resource: database(kind), context: { ...optedIn('Yes'), 'aws:TagKeys': [`${TAG_KEY}StoppedAt`, 'Owner'] } })).toBe('implicitly denied');
      }
    }
    for (const action of ['rds:DeleteDBInstance', 'rds:ModifyDBInstance', 'rds:RebootDBInstance', 'rds:DeleteDBCluster']) {
      expect(evaluate(policy, { action, resource: database(action.endsWith('Cluster') ? 'cluster' : 'db'), context: optedIn('Yes') })).toBe('implicitly denied');
    }
  });

  test.each(TAG_CHANGERS)('%s may let EC2 use the configured EBS key to start an encrypted instance, and nothing more', (fn) => {
    const policy = policyOf(`function[${fn}]`);
    const forEc2 = { 'kms:GrantIsForAWSResource': 'true' };

    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: CONFIGURED_EBS_KEY, context: forEc2 })).toBe('allowed');
    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: CONFIGURED_EBS_KEY })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: CONFIGURED_EBS_KEY.replace(/key\/.*/, 'key/another'), context: forEc2 })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 'kms:Decrypt', resource: CONFIGURED_EBS_KEY, context: forEc2 })).toBe('implicitly denied');
  });

  test('no other role may stop or start any instance, tagged or not', () => {
    const others = [...policies.keys()].filter((role) => !TAG_CHANGERS.some((fn) => role === `function[${fn}]`));
    expect(others).toHaveLength(policies.size - TAG_CHANGERS.length);
    for (const role of others) {
      for (const action of [...stopOrStart, 'ec2:TerminateInstances']) {
        const decision = evaluate(policyOf(role), { action, resource: instanceArn(), context: { [`aws:ResourceTag/${TAG_KEY}`]: 'Yes' } });
        expect([role, action, decision]).toEqual([role, action, 'implicitly denied']);
      }
    }
  });

  test('each function reaches only the S3 prefixes it uses: scratch under work/, reports under ec2/', () => {
    const bucket = 'arn:aws:s3:::ops-automation-local-reports';
    const can = (fn: string, action: string, key: string) => evaluate(policyOf(`function[${fn}]`), { action, resource: `${bucket}/${key}` }) === 'allowed';
    const canList = (fn: string, prefix: string) =>
      evaluate(policyOf(`function[${fn}]`), { action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': prefix } }) === 'allowed';

    expect(can('collect-inventory', 's3:PutObject', 'work/exec-1/inventory.json')).toBe(true);
    expect(can('collect-inventory', 's3:PutObject', 'ec2/ec2_monthly_costs_20260105.xlsx')).toBe(false);
    expect(can('render-report', 's3:GetObject', 'ec2/summary_20251229.json')).toBe(true);
    expect(canList('render-report', 'ec2/')).toBe(true);
    expect(canList('render-report', '')).toBe(false);
    expect(can('render-report', 's3:PutObject', 'ec2/ec2_monthly_costs_20260105.xlsx')).toBe(false);
    expect(can('publish-report', 's3:GetObject', 'work/exec-1/report.xlsx')).toBe(true);
    expect(can('publish-report', 's3:PutObject', 'ec2/ec2_monthly_costs_20260105.xlsx')).toBe(true);
    expect(can('publish-report', 's3:PutObject', 'elsewhere/file.xlsx')).toBe(false);
    for (const fn of [...functionsOf('power-schedule'), 'price-items']) {
      expect([fn, can(fn, 's3:GetObject', 'ec2/x.json') || can(fn, 's3:PutObject', 'work/x.json') || can(fn, 's3:GetObject', 'work/weekly-1/inventory.json')]).toEqual([fn, false]);
    }
    // A power-schedule run's files: its own folder under work/power-schedule/, nothing else.
    for (const fn of ['change-instance-state', 'verify-instance-states', 'retry-unfinished', 'summarize-run']) {
      expect([fn, can(fn, 's3:GetObject', 'work/power-schedule/stop-1/targets/111122223333/us-east-1/batch-00000.json'), can(fn, 's3:PutObject', 'work/power-schedule/stop-1/retry.json')]).toEqual([fn, true, true]);
    }
    expect(can('resolve-targets', 's3:PutObject', 'work/power-schedule/stop-1/targets.json')).toBe(true);
    expect(can('resolve-targets', 's3:GetObject', 'work/power-schedule/stop-1/targets.json')).toBe(false);
    // A cost report's run folder: ResolveTargets writes its target list there and nothing else.
    expect(can('resolve-targets', 's3:PutObject', 'work/weekly-1/targets.json')).toBe(true);
    expect(can('resolve-targets', 's3:PutObject', 'work/weekly-1/inventory.json')).toBe(false);
    expect(can('merge-inventories', 's3:GetObject', 'work/weekly-1/targets/444455556666/us-east-1/inventory.json')).toBe(true);
    expect(can('merge-inventories', 's3:PutObject', 'work/weekly-1/price-keys.json')).toBe(true);
    expect(can('merge-inventories', 's3:PutObject', 'ec2/ec2_monthly_costs_20260105.xlsx')).toBe(false);
    expect(can('validate-input', 's3:PutObject', 'work/power-schedule/stop-1/targets.json')).toBe(false);
  });

  test('each state machine may invoke only its own functions, notify (which tells about both) and ResolveTargets (which starts both), and the scheduler may start only the two state machines', () => {
    const functionArn = (fn: string) => `arn:aws:lambda:${REGION}:${proxy.accountId}:function:ops-local-${fn}`;
    for (const [workflow, other] of [['power-schedule', 'cost-report'], ['cost-report', 'power-schedule']] as const) {
      const policy = policyOf(`state_machine[${workflow}]`);
      for (const fn of invokedBy(workflow)) {
        expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: functionArn(fn) })).toBe('allowed');
        expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: `${functionArn(fn)}:$LATEST` })).toBe('allowed');
      }
      for (const fn of functionsOf(other).filter((f) => !invokedBy(workflow).includes(f))) {
        expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: functionArn(fn) })).toBe('implicitly denied');
      }
      expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: functionArn('someone-elses') })).toBe('implicitly denied');
    }

    const scheduler = policyOf('scheduler[]');
    const machineArn = (name: string) => `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:${name}`;
    expect(evaluate(scheduler, { action: 'states:StartExecution', resource: machineArn('ops-local-power-schedule') })).toBe('allowed');
    expect(evaluate(scheduler, { action: 'states:StartExecution', resource: machineArn('ops-local-cost-report') })).toBe('allowed');
    expect(evaluate(scheduler, { action: 'states:StartExecution', resource: machineArn('another-team-machine') })).toBe('implicitly denied');
  });
});

// --- Backups (terraform/backup.tf) -------------------------------------------------------------------
// The default plan above keeps the module's backup defaults (one daily plan, no admin role). Two
// more plans: every backup option set, and enable_backups = false.

const BACKUP_ADMIN = 'arn:aws:iam::111122223333:role/BackupAdmin';
const ALARM_TOPIC = 'arn:aws:sns:ap-northeast-2:111122223333:ops-alerts';
// Module arguments, as HCL: written into an override file of the example's module call.
const BACKUP_OPTIONS = `
  backup_admin_role_arn = "${BACKUP_ADMIN}"
  alarm_sns_topic_arn   = "${ALARM_TOPIC}"
  backup_vault_lock     = { enabled = true, min_retention_days = 7, max_retention_days = 400, changeable_for_days = 3 }
  backup_plans = {
    daily   = { tag_key = "Backup", tag_value = "Daily", cron = "cron(0 3 * * ? *)", retention_days = 35 }
    monthly = { tag_key = "Backup", tag_value = "Monthly", cron = "cron(30 2 1 * ? *)", timezone = "Europe/Berlin", retention_days = 365,
                cold_storage_after_days = 30, copy_to_region = "ap-northeast-1", copy_retention_days = 90 }
  }`;
// What the report's collect step calls (functions/shared/backup-reads.ts, collect-inventory) and the list.
const READ_BACKUPS = [
  'backup:ListBackupPlans',
  'backup:ListBackupVaults',
  'backup:GetBackupPlan',
  'backup:ListBackupSelections',
  'backup:GetBackupSelection',
  'backup:ListProtectedResources',
  'backup:ListRecoveryPointsByResource',
  'backup:ListRecoveryPointsByBackupVault',
  'backup:ListBackupJobs',
  'backup:DescribeRecoveryPoint',
  'ec2:DescribeSnapshots',
  'ec2:DescribeImages',
];
// What could remove, start, restore or change backups; none of the module's roles may do any of it.
const CHANGE_BACKUPS = [
  'backup:DeleteRecoveryPoint',
  'backup:DeleteBackupVault',
  'backup:DeleteBackupPlan',
  'backup:DeleteBackupSelection',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DisassociateRecoveryPoint',
  'backup:StartBackupJob',
  'backup:StartRestoreJob',
  'backup:StartCopyJob',
  'backup:PutBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:UpdateBackupPlan',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:CreateBackupSelection',
  'ec2:DeleteSnapshot',
  'ec2:DeregisterImage',
];
const DESTROYING_RECOVERY_POINTS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:DisassociateRecoveryPoint'];

describe('terraform module, before apply: AWS Backup', () => {
  let defaults: unknown;
  let everyOption: unknown;
  let disabled: unknown;

  beforeAll(async () => {
    defaults = plan;
    everyOption = await planWith('backup_options', BACKUP_OPTIONS);
    disabled = await planWith('backup_disabled', '  enable_backups = false');
  }, 300_000);

  test('the cost report\'s collect role may read backup plans, selections, recovery points, jobs, snapshots and images', () => {
    const policy = policyOf('function[collect-inventory]');

    for (const action of READ_BACKUPS) {
      expect([action, evaluate(policy, { action, resource: '*' })]).toEqual([action, 'allowed']);
    }
    const backupActions = statementsOf(policy).flatMap(actionsOf).filter((a) => a.startsWith('backup:'));
    expect(backupActions.filter((a) => !/^backup:(List|Get|Describe)[A-Za-z]+$/.test(a))).toEqual([]);
  });

  test('no role of the module may delete, start, restore, put or update anything in AWS Backup or its snapshots', () => {
    for (const [role, policy] of policies) {
      for (const action of CHANGE_BACKUPS) {
        const decision = evaluate(policy, { action, resource: `arn:aws:backup:${REGION}:${proxy.accountId}:backup-vault:ops-local-backups` });
        expect([role, action, decision]).toEqual([role, action, 'implicitly denied']);
      }
      const granted = statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf);
      expect([role, granted.filter((a) => /^backup:(Delete|Start|Put|Update|Create|Disassociate)|^ec2:(DeleteSnapshot|DeregisterImage)$/.test(a))]).toEqual([role, []]);
    }
  });

  test('the vault access policy lets only the named admin role delete recovery points or shorten their retention', () => {
    const policy = vaultPolicyOf(everyOption);
    const asPrincipal = (arn: string) => ({ 'aws:PrincipalArn': arn });

    for (const action of DESTROYING_RECOVERY_POINTS) {
      expect(evaluate(policy, { action, resource: `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`, context: asPrincipal(BACKUP_ADMIN) })).toBe('implicitly denied');
      for (const someoneElse of [`arn:aws:iam::${proxy.accountId}:role/ops-local-collect-inventory-lambda`, 'arn:aws:iam::111122223333:role/BackupAdmin2', 'arn:aws:iam::111122223333:root']) {
        const decision = evaluate(policy, { action, resource: `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`, context: asPrincipal(someoneElse) });
        expect([action, someoneElse, decision]).toEqual([action, someoneElse, 'explicitly denied']);
      }
    }
    // Restoring and reading stay possible for whoever IAM allows.
    for (const action of ['backup:StartRestoreJob', 'backup:DescribeRecoveryPoint']) {
      expect(evaluate(policy, { action, resource: '*', context: asPrincipal('arn:aws:iam::111122223333:role/Operator') })).toBe('implicitly denied');
    }
  });

  test('without an admin role the vault access policy denies deleting recovery points to everyone', () => {
    const policy = vaultPolicyOf(defaults);

    for (const action of DESTROYING_RECOVERY_POINTS) {
      expect(evaluate(policy, { action, resource: '*', context: { 'aws:PrincipalArn': BACKUP_ADMIN } })).toBe('explicitly denied');
    }
    expect(statementsOf(policy).map((s) => s.Principal)).toEqual(['*']);
  });

  test('the default plan backs up daily at 03:00 Asia/Seoul into the KMS-encrypted vault and keeps points 35 days', () => {
    const [plan] = valuesOf(defaults, 'aws_backup_plan');
    const key = resourcesOf(defaults, 'aws_kms_key').find((k) => k.name === 'backup')?.values;
    const [vault] = valuesOf(defaults, 'aws_backup_vault');

    expect(plan).toMatchObject({
      name: 'ops-local-daily',
      rule: [{ rule_name: 'daily', target_vault_name: 'ops-local-backups', schedule: 'cron(0 3 * * ? *)', schedule_expression_timezone: 'Asia/Seoul', lifecycle: [{ delete_after: 35 }], copy_action: [] }],
    });
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(vault).toMatchObject({ name: 'ops-local-backups', force_destroy: false });
    expect(valuesOf(defaults, 'aws_backup_vault_lock_configuration')).toEqual([]);
  });

  test('each selection reaches only EC2 instances and EBS volumes carrying its plan\'s tag, with no tag list that would add everything', () => {
    const selections = valuesOf(everyOption, 'aws_backup_selection').sort((a, b) => String(a.name).localeCompare(String(b.name)));

    expect(selections.map((s) => [s.name, s.resources, s.selection_tag, s.condition])).toEqual([
      ['ops-local-daily', ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'], [], [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: 'Daily' }], string_like: [], string_not_equals: [], string_not_like: [] }]],
      ['ops-local-monthly', ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'], [], [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: 'Monthly' }], string_like: [], string_not_equals: [], string_not_like: [] }]],
    ]);
  });

  test('cold storage moves EBS snapshots to the archive tier, and a copy goes to the vault of the same name in the other region', () => {
    const monthly = valuesOf(everyOption, 'aws_backup_plan').find((p) => p.name === 'ops-local-monthly');

    expect(monthly).toMatchObject({
      rule: [{
        schedule: 'cron(30 2 1 * ? *)',
        schedule_expression_timezone: 'Europe/Berlin',
        lifecycle: [{ cold_storage_after: 30, delete_after: 365, opt_in_to_archive_for_supported_resources: true }],
        copy_action: [{ destination_vault_arn: `arn:aws:backup:ap-northeast-1:${proxy.accountId}:backup-vault:ops-local-backups`, lifecycle: [{ delete_after: 90 }] }],
      }],
    });
    expect(valuesOf(everyOption, 'aws_backup_vault_lock_configuration')).toEqual([
      expect.objectContaining({ min_retention_days: 7, max_retention_days: 400, changeable_for_days: 3 }),
    ]);
  });

  test('the backup role trusts only AWS Backup and carries the AWS managed backup and restore policies', () => {
    const [role] = valuesOf(defaults, 'aws_iam_role').filter((r) => r.name === 'ops-local-backup');
    const trust = JSON.parse(String(role?.assume_role_policy)) as PolicyDocument;

    expect(statementsOf(trust).map((s) => [s.Effect, s.Action, s.Principal])).toEqual([['Allow', 'sts:AssumeRole', { Service: 'backup.amazonaws.com' }]]);
    expect(valuesOf(defaults, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });

  // Metric names, dimensions and statistics as AWS publishes them (the sources are cited in
  // terraform/backup.tf): an alarm on a metric or dimension set AWS does not publish never fires.
  test('alarms watch the vault\'s failed, cancelled and never-started backup jobs and its undeletable recovery points, and notify the module\'s topic and the alarm topic', () => {
    const alarms = valuesOf(everyOption, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Backup');

    // The module's own notification topic first (notifications.tf), then alarm_sns_topic_arn.
    const topics = [`arn:aws:sns:${REGION}:${proxy.accountId}:ops-local-notifications`, ALARM_TOPIC].sort();
    const vault = { BackupVaultName: 'ops-local-backups' };
    expect(alarms.map((a) => [a.alarm_name, a.metric_name, a.dimensions, a.statistic, [...(a.alarm_actions as string[])].sort()]).sort()).toEqual([
      ['ops-local-backup-jobs-aborted', 'NumberOfBackupJobsAborted', vault, 'Sum', topics],
      ['ops-local-backup-jobs-expired', 'NumberOfBackupJobsExpired', vault, 'Sum', topics],
      ['ops-local-backup-jobs-failed', 'NumberOfBackupJobsFailed', vault, 'Sum', topics],
      ['ops-local-backup-recovery-points-expired', 'NumberOfRecoveryPointsExpired', vault, 'Maximum', topics],
    ]);
  });

  test('with alarm_sns_topic_arn, the failed-executions alarms notify that topic alone (the module\'s topic hears of each failed execution from the status change rule)', () => {
    const alarms = valuesOf(everyOption, 'aws_cloudwatch_metric_alarm').filter((a) => String(a.alarm_name).endsWith('-executions-failed'));

    expect(alarms.map((a) => [a.alarm_name, a.alarm_actions, a.ok_actions]).sort()).toEqual([
      ['ops-local-cost-report-executions-failed', [ALARM_TOPIC], [ALARM_TOPIC]],
      ['ops-local-power-schedule-executions-failed', [ALARM_TOPIC], [ALARM_TOPIC]],
    ]);
  });

  test('enable_backups = false plans nothing of AWS Backup, and the report can still read an existing setup', () => {
    // The notification topic's key (notifications.tf) is not AWS Backup's.
    const types = resourcesOf(disabled).filter((r) => !(r.type.startsWith('aws_kms_') && r.name === 'notifications')).map((r) => r.type);
    const backupAlarms = valuesOf(disabled, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Backup');

    expect(types.filter((t) => t.startsWith('aws_backup_') || t.startsWith('aws_kms_'))).toEqual([]);
    expect(valuesOf(disabled, 'aws_iam_role').map((r) => r.name)).not.toContain('ops-local-backup');
    expect(backupAlarms).toEqual([]);
    expect(evaluate(rolePolicyOf(disabled, 'function[collect-inventory]'), { action: 'backup:ListRecoveryPointsByResource', resource: '*' })).toBe('allowed');
  });

  test('a mistyped backup cron, time zone, retention or copy region is refused on plan, naming it', async () => {
    // Prepare: every five minutes (AWS allows hourly at most), cold storage 30 days with only 60 days kept.
    const badPlans = '{ nightly = { tag_key = "Backup", tag_value = "Nightly", cron = "cron(0/5 * * * ? *)", timezone = "Seoul", retention_days = 60, cold_storage_after_days = 30, copy_to_region = "tokyo" } }';

    // Act
    const result = await planOverridden('bad_backup_plans', `  backup_plans = ${badPlans}\n  backup_admin_role_arn = "BackupAdmin"`, [], { allowFailure: true });

    // Assess
    expect(result.code).not.toBe(0);
    const errors = result.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain('backup_plans[*].cron must be cron(minutes hours day-of-month month day-of-week year) with one minute value');
    expect(errors).toContain('backup_plans[*].timezone must be an IANA time zone name');
    expect(errors).toContain('backup_plans[*].retention_days must be at least cold_storage_after_days + 90');
    expect(errors).toContain('backup_plans[*].copy_to_region must be a region code');
    expect(errors).toContain('backup_admin_role_arn must be empty or an IAM role ARN');
  }, 180_000);

  test('a copy to the deployment region itself, or a plan kept shorter than the vault lock allows, is refused on plan', async () => {
    const result = await planOverridden(
      'lock_refuses_plan',
      `  backup_plans = { daily = { tag_key = "Backup", tag_value = "Daily", cron = "cron(0 3 * * ? *)", retention_days = 5, copy_to_region = "${REGION}" } }
  backup_vault_lock = { enabled = true, min_retention_days = 7 }`,
      [],
      { allowFailure: true },
    );

    expect(result.code).not.toBe(0);
    const errors = result.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain(`backup_plans["daily"].copy_to_region must be another region than the deployment region ${REGION}`);
    expect(errors).toContain('must lie between backup_vault_lock.min_retention_days and max_retention_days');
  }, 180_000);
});

// --- Targets in other accounts (terraform/targets.tf) -----------------------------------------------
// The default plan above names no other account: nothing may assume a role or read Organizations.
// One more plan: target_accounts and organization_unit_ids set.

describe('terraform module, before apply: targets in other accounts', () => {
  const MEMBER_ROLE = (account: string, name = 'ops-automation-member') => `arn:aws:iam::${account}:role/${name}`;
  const ACTING = ['list-tagged-instances', 'change-instance-state', 'verify-instance-states', 'retry-unfinished', 'collect-inventory'];
  let members: unknown;

  beforeAll(async () => {
    members = await planWith('member_accounts', '  target_accounts = ["444455556666"]\n  organization_unit_ids = ["ou-ab12-cdef3456"]\n  member_role_external_id = "acme-ops-7f3a"');
  }, 300_000);

  test('with only the deployment account, no role may assume any role or read AWS Organizations', () => {
    for (const [role, policy] of policies) {
      const decisions = [
        evaluate(policy, { action: 'sts:AssumeRole', resource: MEMBER_ROLE('444455556666') }),
        evaluate(policy, { action: 'organizations:ListAccountsForParent', resource: '*' }),
      ];
      expect([role, decisions]).toEqual([role, ['implicitly denied', 'implicitly denied']]);
    }
  });

  test('with member accounts, only the functions acting in a target (instances, the report\'s collect step) may assume, and only the member role by its name, in any account', () => {
    for (const fn of DEPLOYED_FUNCTIONS) {
      const policy = rolePolicyOf(members, `function[${fn}]`);
      const may = (resource: string) => evaluate(policy, { action: 'sts:AssumeRole', resource }) === 'allowed';
      const expected = ACTING.includes(fn);
      expect([fn, may(MEMBER_ROLE('444455556666')), may(MEMBER_ROLE('111122223333'))]).toEqual([fn, expected, expected]);
      expect([fn, may(MEMBER_ROLE('444455556666', 'OrganizationAccountAccessRole')), may(MEMBER_ROLE('444455556666', 'ops-automation-member-admin'))]).toEqual([fn, false, false]);
    }
  });

  test('with organizational units, only ResolveTargets may list them, and only their children and accounts; only MergeInventories may list the accounts\' names', () => {
    for (const fn of DEPLOYED_FUNCTIONS) {
      const policy = rolePolicyOf(members, `function[${fn}]`);
      const can = (action: string) => evaluate(policy, { action, resource: '*' }) === 'allowed';
      const expected = fn === 'resolve-targets';
      expect([fn, can('organizations:ListChildren'), can('organizations:ListAccountsForParent')]).toEqual([fn, expected, expected]);
      expect([fn, can('organizations:CreateAccount'), can('organizations:DescribeAccount'), can('organizations:MoveAccount')]).toEqual([fn, false, false, false]);
      // The report names accounts: MergeInventories may list the organization's accounts, and nothing more.
      expect([fn, can('organizations:ListAccounts')]).toEqual([fn, fn === 'merge-inventories']);
    }
  });

  test('the functions get the targets, the member role and its external id, the work bucket', () => {
    const functions = resourcesOf(members, 'aws_lambda_function').filter((f) => String(f.values.function_name).startsWith('ops-local-'));
    const environment = (name: string) =>
      (functions.find((f) => f.values.function_name === `ops-local-${name}`)?.values.environment as { variables: Record<string, string> }[])[0]?.variables;

    expect(environment('resolve-targets')).toMatchObject({
      TARGET_ACCOUNTS: '444455556666',
      ORGANIZATION_UNIT_IDS: 'ou-ab12-cdef3456',
      MEMBER_ROLE_NAME: 'ops-automation-member',
      MEMBER_ROLE_EXTERNAL_ID: 'acme-ops-7f3a',
      REPORT_BUCKET: 'ops-automation-local-reports',
      WORK_PREFIX: 'work/',
    });
    // The report's collect step reaches member accounts the same way; the resolve step dates the report in its time zone.
    expect(environment('collect-inventory')).toMatchObject({ MEMBER_ROLE_NAME: 'ops-automation-member', MEMBER_ROLE_EXTERNAL_ID: 'acme-ops-7f3a' });
    expect(environment('resolve-targets')).toMatchObject({ REPORT_TIMEZONE: expect.any(String) });
  });

  test('the power-schedule state machine may start only its own child executions, and read and write only its run files', () => {
    const policy = policyOf('state_machine[power-schedule]');
    const machine = `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:ops-local-power-schedule`;
    const child = `arn:aws:states:${REGION}:${proxy.accountId}:execution:ops-local-power-schedule/Targets:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
    const allowed = (action: string, resource: string) => evaluate(policy, { action, resource }) === 'allowed';

    expect(allowed('states:StartExecution', machine)).toBe(true);
    expect(allowed('states:StartExecution', machine.replace('power-schedule', 'cost-report'))).toBe(false);
    expect(allowed('states:DescribeExecution', child)).toBe(true);
    expect(allowed('states:StopExecution', child)).toBe(true);
    expect(allowed('states:StopExecution', child.replace('ops-local-power-schedule/', 'ops-local-cost-report/'))).toBe(false);
    expect(allowed('states:RedriveExecution', `arn:aws:states:${REGION}:${proxy.accountId}:mapRun:ops-local-power-schedule/Targets:0f1e2d3c`)).toBe(true);
    const object = (key: string) => `arn:aws:s3:::ops-automation-local-reports/${key}`;
    expect(allowed('s3:GetObject', object('work/power-schedule/stop-1/targets.json'))).toBe(true);
    expect(allowed('s3:PutObject', object('work/power-schedule/stop-1/results/0f1e/manifest.json'))).toBe(true);
    expect(allowed('s3:GetObject', object('ec2/ec2_monthly_costs_20261123.xlsx'))).toBe(false);
    expect(allowed('s3:PutObject', object('work/weekly-1/inventory.json'))).toBe(false);
  });

  test('the cost-report state machine may start only its own child executions (targets, price keys), and read and write only under work/', () => {
    const policy = policyOf('state_machine[cost-report]');
    const machine = `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:ops-local-cost-report`;
    const child = (label: string) => `arn:aws:states:${REGION}:${proxy.accountId}:execution:ops-local-cost-report/${label}:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
    const allowed = (action: string, resource: string) => evaluate(policy, { action, resource }) === 'allowed';
    const object = (key: string) => `arn:aws:s3:::ops-automation-local-reports/${key}`;

    expect(allowed('states:StartExecution', machine)).toBe(true);
    expect(allowed('states:StartExecution', machine.replace('cost-report', 'power-schedule'))).toBe(false);
    for (const label of ['Inventories', 'PriceItems']) {
      expect([label, allowed('states:DescribeExecution', child(label)), allowed('states:StopExecution', child(label))]).toEqual([label, true, true]);
    }
    expect(allowed('states:StopExecution', child('Targets').replace('ops-local-cost-report/', 'ops-local-power-schedule/'))).toBe(false);
    expect(allowed('states:RedriveExecution', `arn:aws:states:${REGION}:${proxy.accountId}:mapRun:ops-local-cost-report/PriceItems:0f1e2d3c`)).toBe(true);
    expect(allowed('s3:GetObject', object('work/weekly-1/targets.json'))).toBe(true);
    expect(allowed('s3:GetObject', object('work/weekly-1/price-keys.json'))).toBe(true);
    expect(allowed('s3:PutObject', object('work/weekly-1/prices/0f1e/manifest.json'))).toBe(true);
    expect(allowed('s3:PutObject', object('ec2/ec2_monthly_costs_20261123.xlsx'))).toBe(false);
  });

  test('a mistyped account, unit, role name or external id is refused on plan, naming it', async () => {
    const result = await planOverridden(
      'bad_targets',
      '  target_accounts = ["4444-5555-6666"]\n  organization_unit_ids = ["Engineering"]\n  member_role_name = "roles/ops"\n  member_role_external_id = "has space"',
      [],
      { allowFailure: true },
    );

    expect(result.code).not.toBe(0);
    const errors = result.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain('target_accounts must hold 12-digit account ids');
    expect(errors).toContain('organization_unit_ids must hold organizational unit ids');
    expect(errors).toContain('member_role_name must be an IAM role name');
    expect(errors).toContain('member_role_external_id must be empty or 2-1224');
  }, 180_000);
});

// --- Notifications and the dashboard (terraform/notifications.tf, dashboard.tf) --------------------
// The local example subscribes an e-mail address and an HTTPS endpoint and signs links for 24 hours.

const NOTIFICATION_KEY_ALIAS = 'alias/ops-local-notifications';
const EXISTING_KEY = 'arn:aws:kms:ap-northeast-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';

describe('terraform module, before apply: notifications and the dashboard', () => {
  const topicArn = (region = REGION) => `arn:aws:sns:${region}:${proxy.accountId}:ops-local-notifications`;
  const viaSns = { 'kms:ViaService': `sns.${REGION}.amazonaws.com` };
  const keyArn = () => `arn:aws:kms:${REGION}:${proxy.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  let existingKey: unknown;

  beforeAll(async () => {
    existingKey = await planWith('existing_notification_key', `  notification_kms_key_arn = "${EXISTING_KEY}"`);
  }, 180_000);

  test('notify may publish only to the notification topic, use its key only through SNS, and read, never write, the reports and power-schedule runs\' files', () => {
    const policy = policyOf('function[notify]');
    const bucket = 'arn:aws:s3:::ops-automation-local-reports';

    expect(evaluate(policy, { action: 'sns:Publish', resource: topicArn() })).toBe('allowed');
    expect(evaluate(policy, { action: 'sns:Publish', resource: topicArn().replace('ops-local-notifications', 'someone-elses') })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 'sns:Subscribe', resource: topicArn() })).toBe('implicitly denied');
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      expect(evaluate(policy, { action, resource: keyArn(), context: { ...viaSns, 'kms:ResourceAliases': [NOTIFICATION_KEY_ALIAS] } })).toBe('allowed');
      expect(evaluate(policy, { action, resource: keyArn(), context: { 'kms:ResourceAliases': [NOTIFICATION_KEY_ALIAS] } })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: keyArn(), context: { ...viaSns, 'kms:ResourceAliases': ['alias/ops-local-backups'] } })).toBe('implicitly denied');
    }
    expect(evaluate(policy, { action: 'kms:Encrypt', resource: keyArn(), context: { ...viaSns, 'kms:ResourceAliases': [NOTIFICATION_KEY_ALIAS] } })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 's3:GetObject', resource: `${bucket}/ec2/ec2_monthly_costs_20261123.xlsx` })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:GetObject', resource: `${bucket}/work/exec-1/inventory.json` })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 's3:PutObject', resource: `${bucket}/ec2/ec2_monthly_costs_20261123.xlsx` })).toBe('implicitly denied');
    // A failed power-schedule run's message reads the run's results and RetryUnfinished's record.
    expect(evaluate(policy, { action: 's3:GetObject', resource: `${bucket}/work/power-schedule/stop-1/retry.json` })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:PutObject', resource: `${bucket}/work/power-schedule/stop-1/retry.json` })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': 'ec2/' } })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': '' } })).toBe('implicitly denied');
  });

  test('notify may write nothing but its sent markers under work/notify-sent/: create one only where none is (If-None-Match), and delete one', () => {
    const policy = policyOf('function[notify]');
    const bucket = 'arn:aws:s3:::ops-automation-local-reports';
    const marker = `${bucket}/work/notify-sent/execution-ended/${REGION}/${proxy.accountId}/ops-local-cost-report/weekly-20261123/FAILED-redrive-0.json`;
    const createOnly = { 's3:if-none-match': '*' };
    const elsewhere = [
      `${bucket}/ec2/ec2_monthly_costs_20261123.xlsx`,
      `${bucket}/ec2/ec2_monthly_costs_20261123.summary.json`,
      `${bucket}/work/weekly-20261123/inventory.json`,
      `${bucket}/work/power-schedule/stop-1/retry.json`,
      `${bucket}/work/notify-sent`,
      `${bucket}/notify-sent/execution-ended/x.json`,
      'arn:aws:s3:::another-bucket/work/notify-sent/execution-ended/x.json',
      bucket,
    ];

    expect(evaluate(policy, { action: 's3:PutObject', resource: marker, context: createOnly })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:DeleteObject', resource: marker })).toBe('allowed');
    // A PutObject that may overwrite (no If-None-Match) is refused, even for a marker.
    expect(evaluate(policy, { action: 's3:PutObject', resource: marker })).toBe('implicitly denied');
    // Its deletes leave the versions: it may not erase a marker's history.
    expect(evaluate(policy, { action: 's3:DeleteObjectVersion', resource: marker })).toBe('implicitly denied');
    // NotifyRun's marker (one per power-schedule execution and message) is under the same folder, on the same terms.
    const runMessage = `${bucket}/work/notify-sent/run-message/${REGION}/${proxy.accountId}/ops-local-power-schedule/stop-1/${'0'.repeat(64)}.json`;
    expect(evaluate(policy, { action: 's3:PutObject', resource: runMessage, context: createOnly })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:DeleteObject', resource: runMessage })).toBe('allowed');
    expect(evaluate(policy, { action: 's3:PutObject', resource: runMessage })).toBe('implicitly denied');
    const writes = [
      's3:PutObject',
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:PutObjectAcl',
      's3:PutObjectTagging',
      's3:PutObjectRetention',
      's3:PutObjectLegalHold',
      's3:RestoreObject',
      's3:AbortMultipartUpload',
      's3:PutBucketPolicy',
      's3:PutLifecycleConfiguration',
      's3:PutBucketVersioning',
      's3:DeleteBucket',
    ];
    for (const resource of elsewhere) {
      for (const action of writes) {
        expect([action, resource, evaluate(policy, { action, resource, context: createOnly })]).toEqual([action, resource, 'implicitly denied']);
      }
    }
    for (const action of writes.filter((a) => a !== 's3:PutObject' && a !== 's3:DeleteObject')) {
      expect([action, evaluate(policy, { action, resource: marker, context: createOnly })]).toEqual([action, 'implicitly denied']);
    }
    // Every S3 action it is allowed, on what: reading aside, only the markers.
    const s3Grants = statementsOf(policy)
      .filter((st) => st.Effect === 'Allow')
      .flatMap((st) => actionsOf(st).filter((a) => a.startsWith('s3:')).map((a) => [a, ([] as string[]).concat(st.Resource ?? []).join(' ')]));
    const markers = `${bucket}/work/notify-sent/*`;
    expect(s3Grants.filter(([action]) => action !== 's3:GetObject' && action !== 's3:ListBucket').sort()).toEqual([
      ['s3:DeleteObject', markers],
      ['s3:PutObject', markers],
    ]);
  });

  test('with an existing key, notify may use that key, through SNS, and no other', () => {
    const policy = rolePolicyOf(existingKey, 'function[notify]');

    expect(evaluate(policy, { action: 'kms:GenerateDataKey', resource: EXISTING_KEY, context: viaSns })).toBe('allowed');
    expect(evaluate(policy, { action: 'kms:GenerateDataKey', resource: keyArn(), context: { ...viaSns, 'kms:ResourceAliases': [NOTIFICATION_KEY_ALIAS] } })).toBe('implicitly denied');
    expect(resourcesOf(existingKey, 'aws_kms_key').map((k) => k.name)).not.toContain('notifications');
    expect(valuesOf(existingKey, 'aws_sns_topic')[0]?.kms_master_key_id).toBe(EXISTING_KEY);
  });

  test('no other role may publish to the topic', () => {
    for (const [role, policy] of policies) {
      if (role === 'function[notify]') continue;
      expect([role, evaluate(policy, { action: 'sns:Publish', resource: topicArn() })]).toEqual([role, 'implicitly denied']);
    }
  });

  test('the topic is encrypted with a key of the module whose policy lets CloudWatch alarms use it (alias/aws/sns would not)', () => {
    const keys = resourcesOf(plan, 'aws_kms_key').filter((k) => k.name === 'notifications');
    const [alias] = resourcesOf(plan, 'aws_kms_alias').filter((a) => a.name === 'notifications');
    const keyPolicy = JSON.parse(String(keys[0]?.values.policy)) as PolicyDocument;
    const cloudwatch = statementsOf(keyPolicy).filter((st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }));

    expect(keys.map((k) => [k.values.enable_key_rotation, k.values.deletion_window_in_days])).toEqual([[true, 30]]);
    expect(alias?.values.name).toBe(NOTIFICATION_KEY_ALIAS);
    expect(cloudwatch.map((st) => [st.Effect, [...(st.Action as string[])].sort()])).toEqual([['Allow', ['kms:Decrypt', 'kms:GenerateDataKey*']]]);
    expect(valuesOf(plan, 'aws_sns_topic').map((t) => t.name)).toEqual(['ops-local-notifications']);
  });

  test('notify may read the history of our two state machines\' executions, not their Map children\'s nor anyone else\'s, and may not describe, redrive, start or stop them', () => {
    const policy = policyOf('function[notify]');
    const execution = (machine: string, name = 'stop-20261125') => `arn:aws:states:${REGION}:${proxy.accountId}:execution:${machine}:${name}`;

    expect(evaluate(policy, { action: 'states:GetExecutionHistory', resource: execution('ops-local-power-schedule') })).toBe('allowed');
    expect(evaluate(policy, { action: 'states:GetExecutionHistory', resource: execution('ops-local-cost-report', 'weekly-20261123') })).toBe('allowed');
    expect(evaluate(policy, { action: 'states:GetExecutionHistory', resource: execution('ops-local-power-schedule/Targets', '0b2c6d1e:1') })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 'states:GetExecutionHistory', resource: execution('another-team-machine') })).toBe('implicitly denied');
    for (const action of ['states:DescribeExecution', 'states:RedriveExecution', 'states:StartExecution', 'states:StopExecution']) {
      expect([action, evaluate(policy, { action, resource: execution('ops-local-power-schedule') })]).toEqual([action, 'implicitly denied']);
    }
  });

  test('notify may read, never change, the Map Runs of our two state machines and their child executions, and no other state machine\'s', () => {
    const policy = policyOf('function[notify]');
    const arn = (kind: string, resource: string) => `arn:aws:states:${REGION}:${proxy.accountId}:${kind}:${resource}`;
    const allowed = (action: string, resource: string) => evaluate(policy, { action, resource }) === 'allowed';
    const ours = {
      mapRuns: [arn('mapRun', 'ops-local-cost-report/PriceItems:0f6e3a8c'), arn('mapRun', 'ops-local-power-schedule/Targets:7d2b9c4e')],
      children: [arn('execution', 'ops-local-cost-report/PriceItems:0b6f2d1e'), arn('execution', 'ops-local-power-schedule/Targets:1a2b3c4d')],
      childMachines: [arn('stateMachine', 'ops-local-cost-report/PriceItems'), arn('stateMachine', 'ops-local-power-schedule/Targets')],
    };
    const theirs = [
      arn('mapRun', 'another-team-machine/Items:0f6e3a8c'),
      arn('mapRun', 'ops-local-cost-report-copy/PriceItems:0f6e3a8c'),
      arn('execution', 'another-team-machine/Items:0b6f2d1e'),
      arn('stateMachine', 'another-team-machine/Items'),
      arn('stateMachine', 'another-team-machine'),
    ];

    for (const mapRun of ours.mapRuns) {
      expect([mapRun, allowed('states:DescribeMapRun', mapRun), allowed('states:ListExecutions', mapRun)]).toEqual([mapRun, true, true]);
    }
    for (const child of ours.children) expect([child, allowed('states:DescribeExecution', child)]).toEqual([child, true]);
    for (const machine of ours.childMachines) expect([machine, allowed('states:ListExecutions', machine)]).toEqual([machine, true]);
    // Listing our top-level executions is not what it needs: only a Map Run's children.
    expect(allowed('states:ListExecutions', arn('stateMachine', 'ops-local-cost-report'))).toBe(false);
    for (const resource of theirs) {
      for (const action of ['states:DescribeMapRun', 'states:ListExecutions', 'states:DescribeExecution', 'states:GetExecutionHistory']) {
        expect([action, resource, allowed(action, resource)]).toEqual([action, resource, false]);
      }
    }
    const changes = ['states:RedriveExecution', 'states:StopExecution', 'states:StartExecution', 'states:UpdateMapRun', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:TagResource'];
    for (const resource of [...ours.mapRuns, ...ours.children, ...ours.childMachines]) {
      for (const action of changes) expect([action, resource, allowed(action, resource)]).toEqual([action, resource, false]);
    }
    const stepFunctionsActions = statementsOf(policy).filter((st) => st.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('states:'));
    expect([...new Set(stepFunctionsActions)].sort()).toEqual(['states:DescribeExecution', 'states:DescribeMapRun', 'states:GetExecutionHistory', 'states:ListExecutions']);
  });

  test('a failed, timed-out or aborted execution of either state machine, and only of those, is sent to notify, which only that rule may invoke through EventBridge', () => {
    const [rule] = valuesOf(plan, 'aws_cloudwatch_event_rule').filter((r) => r.name === 'ops-local-execution-failed');
    const [target] = valuesOf(plan, 'aws_cloudwatch_event_target').filter((t) => t.rule === 'ops-local-execution-failed');
    const permissions = valuesOf(plan, 'aws_lambda_permission').filter((p) => p.function_name === 'ops-local-notify');
    const machineArn = (name: string) => `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:${name}`;

    expect(JSON.parse(String(rule?.event_pattern))).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: expect.arrayContaining([machineArn('ops-local-power-schedule'), machineArn('ops-local-cost-report')]) },
    });
    expect((JSON.parse(String(rule?.event_pattern)) as { detail: { stateMachineArn: string[] } }).detail.stateMachineArn).toHaveLength(2);
    expect(target?.target_id).toBe('notify');
    expect(permissions.map((p) => [p.principal, p.action])).toEqual([['events.amazonaws.com', 'lambda:InvokeFunction']]);
  });

  test('every alarm of the module notifies the topic when it fires and when it clears, but the failed-executions alarms, whose failures the topic already hears of one by one', () => {
    const alarms = valuesOf(plan, 'aws_cloudwatch_metric_alarm');

    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'ops-local-backup-jobs-aborted',
      'ops-local-backup-jobs-expired',
      'ops-local-backup-jobs-failed',
      'ops-local-backup-recovery-points-expired',
      'ops-local-cost-report-executions-failed',
      'ops-local-power-schedule-executions-failed',
      'ops-local-schedule-dead-letters',
    ]);
    for (const alarm of alarms) {
      // Terraform plans an empty list of actions as null.
      const expected = String(alarm.alarm_name).endsWith('-executions-failed') ? null : [topicArn()];
      expect([alarm.alarm_name, alarm.alarm_actions, alarm.ok_actions]).toEqual([alarm.alarm_name, expected, expected]);
    }
  });

  test('subscriptions come from notification_subscriptions, and notify runs with the topic and link hours its config reads', () => {
    const subscriptions = valuesOf(plan, 'aws_sns_topic_subscription').map((sub) => [sub.protocol, sub.endpoint]);
    const notify = valuesOf(plan, 'aws_lambda_function').find((f) => f.function_name === 'ops-local-notify');
    const env = (notify?.environment as { variables: Record<string, string> }[])[0]?.variables ?? {};

    expect(subscriptions.sort()).toEqual([['email', 'ops-team@example.com'], ['https', 'https://hooks.example.com/ops-automation']]);
    expect(readNotifyConfig(env)).toMatchObject({ topicArn: topicArn(), reportBucket: 'ops-automation-local-reports', reportPrefix: 'ec2/', reportLinkHours: 24, notifyOnSuccess: false });
    expect([env.NAME_PREFIX, env.POWERTOOLS_METRICS_NAMESPACE]).toEqual(['ops-local', METRICS_NAMESPACE]);
  });

  test('a mistyped subscription, a link signed longer than S3 allows, or an alias for the key is refused on plan, naming it', async () => {
    const result = await planOverridden(
      'bad_notifications',
      `  notification_subscriptions = [{ protocol = "email", endpoint = "ops-team" }, { protocol = "http", endpoint = "http://hooks.example.com" }]
  report_link_hours          = 200
  notification_kms_key_arn   = "alias/aws/sns"`,
      [],
      { allowFailure: true },
    );

    expect(result.code).not.toBe(0);
    const errors = result.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain('notification_subscriptions entries must be { protocol = "email"');
    expect(errors).toContain('report_link_hours must be a whole number from 1 to 168');
    expect(errors).toContain('alias/aws/sns cannot be used by CloudWatch alarms');
  }, 180_000);

  test('the dashboard shows every alarm, both state machines\' executions and each metric the functions emit, by workflow', () => {
    const [dashboard] = valuesOf(plan, 'aws_cloudwatch_dashboard');
    const body = JSON.parse(String(dashboard?.dashboard_body)) as { widgets: { type: string; properties: { alarms?: string[]; metrics?: unknown[][] } }[] };
    const metrics = body.widgets.flatMap((w) => w.properties.metrics ?? []).map((m) => m.filter((part) => typeof part === 'string'));
    const alarmWidget = body.widgets.find((w) => w.type === 'alarm');
    const alarmArn = (name: string) => `arn:aws:cloudwatch:${REGION}:${proxy.accountId}:alarm:${name}`;

    expect(dashboard?.dashboard_name).toBe('ops-local');
    expect(alarmWidget?.properties.alarms?.sort()).toEqual(valuesOf(plan, 'aws_cloudwatch_metric_alarm').map((a) => alarmArn(String(a.alarm_name))).sort());
    for (const workflow of ['power-schedule', 'cost-report']) {
      const machine = `arn:aws:states:${REGION}:${proxy.accountId}:stateMachine:ops-local-${workflow}`;
      for (const name of ['ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionTime']) expect(metrics).toContainEqual(['AWS/States', name, 'StateMachineArn', machine]);
    }
    for (const name of Object.values(POWER_RUN_METRICS)) {
      expect(metrics).toContainEqual([METRICS_NAMESPACE, name, 'workflow', 'ops-local-power-schedule']);
    }
    for (const region of ['ap-northeast-2', 'us-east-1']) {
      expect(metrics).toContainEqual([METRICS_NAMESPACE, POWER_RUN_METRICS.stopped, 'workflow', 'ops-local-power-schedule', 'region', region]);
    }
    for (const name of Object.values(REPORT_METRICS)) expect(metrics).toContainEqual([METRICS_NAMESPACE, name, 'workflow', 'ops-local-cost-report']);
  });

  test('a Slack channel through AWS Chatbot is planned when chatbot_slack is set where Chatbot\'s API answers, and refused elsewhere saying what to do', async () => {
    const slack = '  chatbot_slack = { team_id = "T012ABCDEF0", channel_id = "C012ABCDEF0" }';

    const inOregon = await planWith('chatbot_oregon', slack, ['-var=region=us-west-2']);
    const inSeoul = await planOverridden('chatbot_seoul', slack, [], { allowFailure: true });

    const [channel] = valuesOf(inOregon, 'aws_chatbot_slack_channel_configuration');
    const role = valuesOf(inOregon, 'aws_iam_role').find((r) => r.name === 'ops-local-notifications-chatbot');
    expect(channel).toMatchObject({
      configuration_name: 'ops-local-notifications',
      slack_team_id: 'T012ABCDEF0',
      slack_channel_id: 'C012ABCDEF0',
      sns_topic_arns: [topicArn('us-west-2')],
      guardrail_policy_arns: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'],
    });
    expect(statementsOf(JSON.parse(String(role?.assume_role_policy)) as PolicyDocument).map((st) => st.Principal)).toEqual([{ Service: 'chatbot.amazonaws.com' }]);
    expect(valuesOf(plan, 'aws_chatbot_slack_channel_configuration')).toEqual([]);
    expect(inSeoul.code).not.toBe(0);
    expect(inSeoul.stderr.replace(/\s+/g, ' ')).toContain("AWS Chatbot's API answers only in us-east-2, us-west-2, eu-west-1, ap-southeast-1; this provider is in ap-northeast-2");
  }, 300_000);
});

// --- What was billed (Cost Explorer): hub only -------------------------------------------------------
// An organization/payer-level read: the collect role's alone, never an instance permission (so
// never a member role's: INSTANCE_ACTIONS holds no ce: action).

describe('terraform module, before apply: what was billed (Cost Explorer)', () => {
  let withoutCostExplorer: unknown;

  beforeAll(async () => {
    withoutCostExplorer = await planWith('cost_explorer_off', '  enable_cost_explorer = false');
  }, 180_000);

  test('only the merge role (in the hub, once per report) may read Cost Explorer, and only ce:GetCostAndUsage; the collect role, which acts in member accounts, may not', () => {
    const merge = policyOf('function[merge-inventories]');

    expect(evaluate(merge, { action: 'ce:GetCostAndUsage', resource: '*' })).toBe('allowed');
    for (const action of ['ce:GetCostForecast', 'ce:GetCostAndUsageWithResources', 'ce:CreateCostCategoryDefinition', 'ce:UpdatePreferences']) {
      expect([action, evaluate(merge, { action, resource: '*' })]).toEqual([action, 'implicitly denied']);
    }
    const costExplorerGrants = [...policies].flatMap(([role, policy]) =>
      statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('ce:')).map((a) => `${role} ${a}`),
    );
    expect(costExplorerGrants).toEqual(['function[merge-inventories] ce:GetCostAndUsage']);
  });

  test('the collect role may describe Dedicated Hosts, Spot requests and the Spot price history, and change none of them', () => {
    const collect = policyOf('function[collect-inventory]');

    for (const action of ['ec2:DescribeHosts', 'ec2:DescribeSpotInstanceRequests', 'ec2:DescribeSpotPriceHistory']) {
      expect([action, evaluate(collect, { action, resource: '*' })]).toEqual([action, 'allowed']);
    }
    for (const action of ['ec2:ReleaseHosts', 'ec2:ModifyHosts', 'ec2:CancelSpotInstanceRequests', 'ec2:RequestSpotInstances']) {
      expect([action, evaluate(collect, { action, resource: '*' })]).toEqual([action, 'implicitly denied']);
    }
  });

  test('the report reads each enabled schedule with the skip dates, so its savings count them, and asks Cost Explorer by default', () => {
    const [renderFunction] = resourcesOf(plan, 'aws_lambda_function').filter((r) => r.index === 'render-report');
    const environment = (renderFunction?.values.environment as { variables: Record<string, string> }[] | undefined)?.[0]?.variables;

    // From terraform/examples/local/main.tf: skip_dates, and the one enabled schedule (night-shift is disabled).
    const schedules = JSON.parse(environment?.POWER_SCHEDULES ?? '[]') as { tagValue: string; skipDates: string[] }[];
    expect(schedules.map((s) => [s.tagValue, s.skipDates])).toEqual([['Yes', ['2026-01-01', '2026-12-25']]]);
    expect(environment?.ENABLE_COST_EXPLORER).toBe('true');
  });

  test('enable_cost_explorer = false grants nothing of Cost Explorer and tells the report not to ask', () => {
    const merge = rolePolicyOf(withoutCostExplorer, 'function[merge-inventories]');
    const [mergeFunction] = resourcesOf(withoutCostExplorer, 'aws_lambda_function').filter((r) => r.index === 'merge-inventories');
    const environment = (mergeFunction?.values.environment as { variables: Record<string, string> }[] | undefined)?.[0]?.variables;

    expect(evaluate(merge, { action: 'ce:GetCostAndUsage', resource: '*' })).toBe('implicitly denied');
    expect(environment?.ENABLE_COST_EXPLORER).toBe('false');
    expect(evaluate(policyOf('function[merge-inventories]'), { action: 'ce:GetCostAndUsage', resource: '*' })).toBe('allowed');
  });
});

// --- What the schedules act on (resource_kinds) ---------------------------------------------------

describe('terraform module, before apply: resource kinds', () => {
  let ec2Only: unknown;
  const taggedGroup = () => ({
    resource: `arn:aws:autoscaling:${REGION}:${proxy.accountId}:autoScalingGroup:0123abcd-ef01-2345-6789-0123456789ab:autoScalingGroupName/web`,
    context: { 'aws:ResourceTag/AutoStopStart': 'Yes', 'aws:TagKeys': ['AutoStopStartSavedSizes'] },
  });
  const taggedDatabase = () => ({
    resource: `arn:aws:rds:${REGION}:${proxy.accountId}:db:orders`,
    context: { 'aws:ResourceTag/AutoStopStart': 'Yes', 'aws:TagKeys': ['AutoStopStartStoppedAt'] },
  });
  const environmentOf = (planned: unknown, fn: string) =>
    (resourcesOf(planned, 'aws_lambda_function').find((r) => r.index === fn)?.values.environment as { variables: Record<string, string> }[] | undefined)?.[0]?.variables;

  beforeAll(async () => {
    ec2Only = await planWith('ec2_only', '  resource_kinds = ["ec2"]');
  }, 180_000);

  test('by default the power-schedule functions act on instances, databases and Auto Scaling groups', () => {
    for (const fn of ['list-tagged-instances', 'change-instance-state', 'retry-unfinished']) expect(environmentOf(plan, fn)?.RESOURCE_KINDS).toBe('ec2,rds,asg');
  });

  test('with resource_kinds = ["ec2"] the functions are told so, and no role may resize or tag any Auto Scaling group, nor read, stop, start or tag any database, tagged or not', () => {
    for (const fn of ['list-tagged-instances', 'change-instance-state', 'retry-unfinished']) expect(environmentOf(ec2Only, fn)?.RESOURCE_KINDS).toBe('ec2');
    for (const fn of TAG_CHANGERS) {
      const policy = rolePolicyOf(ec2Only, `function[${fn}]`);
      for (const action of ['autoscaling:UpdateAutoScalingGroup', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']) {
        // The same request is allowed in the default plan: the denial is resource_kinds', not the request's.
        expect(evaluate(policyOf(`function[${fn}]`), { action, ...taggedGroup() })).toBe('allowed');
        expect([fn, action, evaluate(policy, { action, ...taggedGroup() })]).toEqual([fn, action, 'implicitly denied']);
      }
      for (const action of ['rds:StopDBInstance', 'rds:StartDBInstance', 'rds:AddTagsToResource', 'rds:RemoveTagsFromResource']) {
        expect(evaluate(policyOf(`function[${fn}]`), { action, ...taggedDatabase() })).toBe('allowed');
        expect([fn, action, evaluate(policy, { action, ...taggedDatabase() })]).toEqual([fn, action, 'implicitly denied']);
      }
      expect(evaluate(policy, { action: 'ec2:StopInstances', resource: instanceArn(), context: { 'aws:ResourceTag/AutoStopStart': 'Yes' } })).toBe('allowed');
    }
    for (const fn of ['list-tagged-instances', ...TAG_CHANGERS]) {
      expect(evaluate(policyOf(`function[${fn}]`), { action: 'rds:DescribeDBInstances', resource: '*' })).toBe('allowed');
      expect([fn, evaluate(rolePolicyOf(ec2Only, `function[${fn}]`), { action: 'rds:DescribeDBInstances', resource: '*' })]).toEqual([fn, 'implicitly denied']);
    }
  });

  test('the cost report\'s collect role may describe Auto Scaling groups, with resource_kinds = ["ec2"] too (it estimates what their schedule saves), and may change none', () => {
    for (const policy of [policyOf('function[collect-inventory]'), rolePolicyOf(ec2Only, 'function[collect-inventory]')]) {
      expect(evaluate(policy, { action: 'autoscaling:DescribeAutoScalingGroups', resource: '*' })).toBe('allowed');
      const groupGrants = statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('autoscaling:'));
      expect(groupGrants).toEqual(['autoscaling:DescribeAutoScalingGroups']);
      for (const action of ['autoscaling:UpdateAutoScalingGroup', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags']) {
        expect([action, evaluate(policy, { action, ...taggedGroup() })]).toEqual([action, 'implicitly denied']);
      }
    }
  });

  test('the cost report\'s collect role may read CloudWatch metric data (Aurora storage and I/O), with resource_kinds = ["ec2"] too, and no other CloudWatch action', () => {
    for (const policy of [policyOf('function[collect-inventory]'), rolePolicyOf(ec2Only, 'function[collect-inventory]')]) {
      expect(evaluate(policy, { action: 'cloudwatch:GetMetricData', resource: '*' })).toBe('allowed');
      const cloudWatchGrants = statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('cloudwatch:'));
      expect(cloudWatchGrants).toEqual(['cloudwatch:GetMetricData']);
      for (const action of ['cloudwatch:PutMetricData', 'cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms']) expect([action, evaluate(policy, { action, resource: '*' })]).toEqual([action, 'implicitly denied']);
    }
  });

  test('the cost report\'s collect role may read burstable instances\' credit option (ec2:DescribeInstanceCreditSpecifications), with resource_kinds = ["ec2"] too, and may not change it', () => {
    for (const policy of [policyOf('function[collect-inventory]'), rolePolicyOf(ec2Only, 'function[collect-inventory]')]) {
      expect(evaluate(policy, { action: 'ec2:DescribeInstanceCreditSpecifications', resource: '*' })).toBe('allowed');
      const creditGrants = statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => /credit/i.test(a));
      expect(creditGrants).toEqual(['ec2:DescribeInstanceCreditSpecifications']);
      for (const action of ['ec2:ModifyInstanceCreditSpecification', 'ec2:ModifyDefaultCreditSpecification']) {
        expect([action, evaluate(policy, { action, resource: instanceArn(), context: { 'aws:ResourceTag/AutoStopStart': 'Yes' } })]).toEqual([action, 'implicitly denied']);
      }
    }
  });

  test('the cost report\'s collect role may describe DB instances and clusters, with resource_kinds = ["ec2"] too (it prices every DB), and may change none', () => {
    for (const policy of [policyOf('function[collect-inventory]'), rolePolicyOf(ec2Only, 'function[collect-inventory]')]) {
      for (const action of ['rds:DescribeDBInstances', 'rds:DescribeDBClusters']) expect([action, evaluate(policy, { action, resource: '*' })]).toEqual([action, 'allowed']);
      const rdsGrants = statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('rds:'));
      expect(rdsGrants.filter((a) => !/^rds:Describe/.test(a))).toEqual([]);
      for (const action of ['rds:StopDBInstance', 'rds:StartDBCluster', 'rds:ModifyDBInstance', 'rds:DeleteDBInstance', 'rds:AddTagsToResource']) {
        expect([action, evaluate(policy, { action, ...taggedDatabase() })]).toEqual([action, 'implicitly denied']);
      }
    }
  });
});
