/**
 * terraform/examples/complete is the root a user deploys to AWS with. It must plan with only a
 * bucket name given, and stay free of anything emulator-specific. There is no AWS account here,
 * so the plan runs against moto (through the aws-proxy, an account of its own): the provider
 * reaches it through the SDK's standard AWS_ENDPOINT_URL variable alone, the way the AWS CLI and
 * every SDK honour it, and the region comes from AWS_REGION as in a configured shell. The
 * alternative, `-refresh=false` with skipped credential checks, needs provider settings the
 * example must not have, and would still not read the account the data sources ask for.
 */
import { join } from 'node:path';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { resourcesOf } from './helpers/plan';
import { createWorkspace, DEPLOYED_FUNCTIONS, WORKFLOWS, type TerraformWorkspace } from './helpers/terraform';

const REGION = 'ap-northeast-2';
const BUCKET = 'example-corp-ec2-cost-reports';

let proxy: AwsProxy;
let workspace: TerraformWorkspace;

/** A shell configured for AWS: credentials and region in the environment, no profile or files; the SDK endpoint is the emulator. */
const awsShell = () => ({
  AWS_ENDPOINT_URL: proxy.url,
  AWS_REGION: REGION,
  AWS_DEFAULT_REGION: undefined,
  AWS_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SESSION_TOKEN: undefined,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
});

beforeAll(async () => {
  proxy = await startAwsProxy();
  workspace = await createWorkspace('complete', awsShell());
}, 180_000);

afterAll(async () => {
  workspace?.remove();
  await proxy?.close();
});

describe('terraform/examples/complete, the AWS root', () => {
  test('plans the whole system with only a bucket name, in the account and region of the caller\'s AWS configuration', async () => {
    // Prepare
    const planFile = join(workspace.rootDir, 'complete.tfplan');

    // Act
    await workspace.run(['plan', '-no-color', '-lock=false', `-out=${planFile}`, `-var=report_bucket_name=${BUCKET}`]);
    const plan = await workspace.showJson(planFile);

    // Assess: the module's defaults, with ARNs built from the account the provider found.
    const functions = resourcesOf(plan, 'aws_lambda_function');
    expect(functions.map((f) => f.values.function_name).sort()).toEqual(DEPLOYED_FUNCTIONS.map((f) => `ops-automation-${f}`).sort());
    expect(resourcesOf(plan, 'aws_sfn_state_machine').map((m) => m.values.name).sort()).toEqual(WORKFLOWS.map((w) => `ops-automation-${w}`).sort());
    expect(resourcesOf(plan, 'aws_s3_bucket').map((b) => b.values.bucket)).toEqual([BUCKET]);
    expect(resourcesOf(plan, 'aws_scheduler_schedule').map((s) => [s.values.name, s.values.schedule_expression, s.values.schedule_expression_timezone])).toEqual([
      ['ops-automation-cost-report', 'cron(0 9 ? * MON *)', 'Asia/Seoul'],
      ['ops-automation-office-hours-start', 'cron(0 8 ? * MON-FRI *)', 'Asia/Seoul'],
      ['ops-automation-office-hours-stop', 'cron(0 20 ? * MON-FRI *)', 'Asia/Seoul'],
    ]);
    const environment = (functions.find((f) => f.values.function_name === 'ops-automation-list-tagged-instances')?.values.environment as { variables: Record<string, string> }[])[0];
    expect(environment?.variables.TARGET_REGIONS).toBe(REGION);
    const outputs = (plan as { planned_values: { outputs: Record<string, { value?: unknown }> } }).planned_values.outputs;
    expect(outputs.region?.value).toBe(REGION);
    expect(outputs.report_prefix?.value).toBe('ec2/');
    const statesPolicy = resourcesOf(plan, 'aws_iam_role_policy').find((p) => p.index === 'power-schedule')?.values.policy;
    expect(String(statesPolicy)).toContain(`arn:aws:lambda:${REGION}:${proxy.accountId}:function:ops-automation-validate-input`);
  }, 180_000);
});

// The member role's two roll-outs (terraform/modules/member-role/examples), planned the same way:
// a configured shell whose SDK endpoint is the emulator.
describe('terraform/modules/member-role/examples, the member role roll-outs', () => {
  const HUB_ROLES = '["arn:aws:iam::111122223333:role/ops-automation-list-tagged-instances-lambda"]';
  test('stackset: a service-managed StackSet deploying the member-role module\'s own template to the organizational units', async () => {
    const root = await createWorkspace({ path: 'modules/member-role/examples/stackset' }, awsShell());
    try {
      const planFile = join(root.rootDir, 'stackset.tfplan');
      await root.run([
        'plan', '-no-color', '-lock=false', `-out=${planFile}`,
        `-var=hub_role_arns=${HUB_ROLES}`, '-var=organization_id=o-a1b2c3d4e5', '-var=organization_unit_ids=["ou-ab12-cdef3456"]', '-var=target_regions=["ap-northeast-2"]',
      ]);
      const plan = await root.showJson(planFile);

      const [stackSet] = resourcesOf(plan, 'aws_cloudformation_stack_set');
      const [instance] = resourcesOf(plan, 'aws_cloudformation_stack_set_instance');
      const template = JSON.parse(String(stackSet?.values.template_body)) as { Resources: { MemberRole: { Type: string; Properties: { AssumeRolePolicyDocument: { Statement: { Condition: unknown }[] } } } } };
      expect(stackSet?.values).toMatchObject({ permission_model: 'SERVICE_MANAGED', capabilities: ['CAPABILITY_NAMED_IAM'], auto_deployment: [{ enabled: true, retain_stacks_on_account_removal: false }] });
      expect(template.Resources.MemberRole.Type).toBe('AWS::IAM::Role');
      expect(template.Resources.MemberRole.Properties.AssumeRolePolicyDocument.Statement[0]?.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
      expect(instance?.values).toMatchObject({ deployment_targets: [expect.objectContaining({ organizational_unit_ids: ['ou-ab12-cdef3456'] })] });
      // Nothing is created in the account running it: the template is only rendered there.
      expect(resourcesOf(plan, 'aws_iam_role')).toEqual([]);
    } finally {
      root.remove();
    }
  }, 180_000);

  test('per-account: the role, created in the account the provider assumes an administrator role in', async () => {
    const member = '444455556666';
    const root = await createWorkspace({ path: 'modules/member-role/examples/per-account' }, awsShell());
    try {
      const planFile = join(root.rootDir, 'per-account.tfplan');
      await root.run([
        'plan', '-no-color', '-lock=false', `-out=${planFile}`,
        `-var=member_admin_role_arn=arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        `-var=hub_role_arns=${HUB_ROLES}`, '-var=external_id=acme-ops-7f3a', '-var=target_regions=["ap-northeast-2"]',
      ]);
      const plan = await root.showJson(planFile);

      const [role] = resourcesOf(plan, 'aws_iam_role');
      const [policy] = resourcesOf(plan, 'aws_iam_role_policy');
      expect(role?.values.name).toBe('ops-automation-member');
      expect(JSON.parse(String(role?.values.assume_role_policy))).toMatchObject({ Statement: [{ Condition: { StringEquals: { 'sts:ExternalId': 'acme-ops-7f3a' } } }] });
      expect(String(policy?.values.policy)).toContain(`arn:aws:ec2:ap-northeast-2:${member}:instance/*`);
    } finally {
      root.remove();
    }
  }, 180_000);
});
