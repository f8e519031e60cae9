/**
 * The module before anything is deployed: formatting, validation, input checks a user meets on
 * `plan`, the tags it sets, and the least-privilege IAM it renders (read from the plan, so every
 * policy must be known before apply: a reviewer sees exactly what will be granted). Planned from
 * its local example root (terraform/examples/local), as a caller uses it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, readVariables } from '../../scripts/lib/terraform-docs';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { evaluate, actionsOf, statementsOf, type PolicyDocument } from './helpers/iam-policy';
import { resourcesOf } from './helpers/plan';
import { createWorkspace, DEPLOYED_FUNCTIONS, fmtCheck, functionsOf, MODULE_DIR, type TerraformWorkspace } from './helpers/terraform';

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
      expect([fn, can(fn, 's3:GetObject', 'ec2/x.json') || can(fn, 's3:PutObject', 'work/x.json')]).toEqual([fn, false]);
    }
  });

  test('each state machine may invoke only its own functions, and the scheduler may start only the two state machines', () => {
    const functionArn = (fn: string) => `arn:aws:lambda:${REGION}:${proxy.accountId}:function:ops-local-${fn}`;
    for (const [workflow, other] of [['power-schedule', 'cost-report'], ['cost-report', 'power-schedule']] as const) {
      const policy = policyOf(`state_machine[${workflow}]`);
      for (const fn of functionsOf(workflow)) {
        expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: functionArn(fn) })).toBe('allowed');
        expect(evaluate(policy, { action: 'lambda:InvokeFunction', resource: `${functionArn(fn)}:$LATEST` })).toBe('allowed');
      }
      for (const fn of functionsOf(other)) {
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
