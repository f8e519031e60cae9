/**
 * terraform/modules/member-role, planned in a small root against moto (through the aws-proxy: an
 * account of its own) like the hub's policy test: what the role may do in its account (exactly
 * the hub's own least privilege on instances, keys and backups, nothing more), whom it trusts,
 * that the CloudFormation template for a StackSet carries the very same documents, and refusing a
 * trust on role ARNs alone. Then applied against moto and read back through IAM.
 */
import { join } from 'node:path';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { actionsOf, evaluate, statementsOf, type PolicyDocument } from './helpers/iam-policy';
import { INSTANCE_ACTIONS } from './helpers/least-privilege';
import { motoIamQuery } from './helpers/moto-rest';
import { resourcesOf } from './helpers/plan';
import { createWorkspace, type TerraformWorkspace } from './helpers/terraform';

const HUB_ROLES = [
  'arn:aws:iam::111122223333:role/ops-automation-list-tagged-instances-lambda',
  'arn:aws:iam::111122223333:role/ops-automation-change-instance-state-lambda',
];
const EBS_KEY = 'arn:aws:kms:ap-northeast-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const REGIONS = ['ap-northeast-2', 'us-east-1'];

// A root calling the module the way a member account's configuration would, with the emulator's provider settings.
const ROOT = `
variable "endpoint_url" {
  type = string
}
variable "organization_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}
variable "external_id" {
  type    = string
  default = ""
}
variable "resource_kinds" {
  type    = list(string)
  default = ["ec2", "rds", "asg"]
}

provider "aws" {
  region                      = "ap-northeast-2"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1
  endpoints {
    iam = var.endpoint_url
    sts = var.endpoint_url
  }
}

module "member_role" {
  source = "../../modules/member-role"

  trusted_role_arns = ${JSON.stringify(HUB_ROLES)}
  organization_id   = var.organization_id
  external_id       = var.external_id
  target_regions    = ${JSON.stringify(REGIONS)}
  tag_values        = ["Yes", "Night"]
  ebs_kms_key_arns  = ["${EBS_KEY}"]
  resource_kinds    = var.resource_kinds
}

output "role_arn" {
  value = module.member_role.role_arn
}
output "trust" {
  value = module.member_role.trust_policy_json
}
output "policy" {
  value = module.member_role.policy_json
}
output "template" {
  value = module.member_role.cloudformation_template
}
`;

let proxy: AwsProxy;
let workspace: TerraformWorkspace;
let outputs: Record<string, string>;
let policy: PolicyDocument;
let trust: PolicyDocument;

async function plan(name: string, vars: string[] = [], options: { allowFailure?: boolean } = {}) {
  const planFile = join(workspace.rootDir, `${name}.tfplan`);
  const result = await workspace.run(['plan', '-no-color', '-lock=false', `-out=${planFile}`, `-var=endpoint_url=${proxy.url}`, ...vars], options);
  return { result, show: result.code === 0 ? await workspace.showJson(planFile) : undefined };
}

const outputsOf = (show: unknown) =>
  Object.fromEntries(Object.entries((show as { planned_values: { outputs: Record<string, { value?: string }> } }).planned_values.outputs).map(([k, v]) => [k, v.value ?? ''])) as Record<string, string>;

beforeAll(async () => {
  proxy = await startAwsProxy();
  workspace = await createWorkspace({ path: 'test-roots/member-role', files: { 'main.tf': ROOT } });
  const { show } = await plan('member');
  outputs = outputsOf(show);
  const [rendered] = resourcesOf(show, 'aws_iam_role_policy');
  policy = JSON.parse(String(rendered?.values.policy)) as PolicyDocument;
  trust = JSON.parse(outputs.trust!) as PolicyDocument;
}, 300_000);

afterAll(async () => {
  workspace?.remove();
  await proxy?.close();
});

const instance = (region = 'ap-northeast-2', account = proxy.accountId) => `arn:aws:ec2:${region}:${account}:instance/i-0123456789abcdef0`;
const tagged = (value: string) => ({ 'aws:ResourceTag/AutoStopStart': value });

describe('member role, before apply', () => {
  test('grants exactly what the hub\'s functions may do in their own account: the same actions, none beyond', () => {
    const granted = [...new Set(statementsOf(policy).filter((s) => s.Effect === 'Allow').flatMap(actionsOf))].sort();

    expect(granted).toEqual(INSTANCE_ACTIONS);
    expect(JSON.parse(outputs.policy!)).toEqual(policy);
  });

  test('may stop and start only instances carrying the opt-in tag with a configured value, in the hub\'s target regions of this account', () => {
    for (const action of ['ec2:StopInstances', 'ec2:StartInstances']) {
      for (const value of ['Yes', 'Night']) expect(evaluate(policy, { action, resource: instance(), context: tagged(value) })).toBe('allowed');
      expect(evaluate(policy, { action, resource: instance('us-east-1'), context: tagged('Yes') })).toBe('allowed');
      expect(evaluate(policy, { action, resource: instance() })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instance(), context: tagged('yes') })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instance('eu-west-1'), context: tagged('Yes') })).toBe('implicitly denied');
      expect(evaluate(policy, { action, resource: instance('ap-northeast-2', '999988887777'), context: tagged('Yes') })).toBe('implicitly denied');
    }
    expect(evaluate(policy, { action: 'ec2:TerminateInstances', resource: instance(), context: tagged('Yes') })).toBe('implicitly denied');
  });

  test('may let EC2 use the listed EBS key, and read the inventory and backups, changing nothing', () => {
    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: EBS_KEY, context: { 'kms:GrantIsForAWSResource': 'true' } })).toBe('allowed');
    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: EBS_KEY })).toBe('implicitly denied');
    expect(evaluate(policy, { action: 'kms:CreateGrant', resource: EBS_KEY.replace(/key\/.*/, 'key/other'), context: { 'kms:GrantIsForAWSResource': 'true' } })).toBe('implicitly denied');
    for (const action of ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'backup:ListRecoveryPointsByResource']) expect(evaluate(policy, { action, resource: '*' })).toBe('allowed');
    for (const action of ['backup:DeleteRecoveryPoint', 'ec2:DeleteSnapshot', 'iam:PassRole', 'sts:AssumeRole']) expect(evaluate(policy, { action, resource: '*' })).toBe('implicitly denied');
  });

  test('may read how each instance is billed (Dedicated Hosts, Spot requests and prices) but not Cost Explorer, which only the hub reads', () => {
    for (const action of ['ec2:DescribeHosts', 'ec2:DescribeSpotInstanceRequests', 'ec2:DescribeSpotPriceHistory', 'ec2:DescribeImages']) {
      expect([action, evaluate(policy, { action, resource: '*' })]).toEqual([action, 'allowed']);
    }
    for (const action of ['ce:GetCostAndUsage', 'ec2:ReleaseHosts', 'ec2:ModifyHosts', 'ec2:CancelSpotInstanceRequests', 'ec2:RequestSpotInstances']) {
      expect([action, evaluate(policy, { action, resource: '*' })]).toEqual([action, 'implicitly denied']);
    }
  });

  test('trusts only the hub\'s function roles, and only from within the organization', () => {
    expect(statementsOf(trust)).toEqual([
      {
        Sid: 'OnlyTheHubFunctions',
        Effect: 'Allow',
        Principal: { AWS: HUB_ROLES },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
  });

  test('without an organization, trusts them only with the external id; with neither, the plan is refused naming both', async () => {
    const withExternalId = await plan('external', ['-var=organization_id=', '-var=external_id=acme-ops-7f3a']);
    const neither = await plan('neither', ['-var=organization_id=', '-var=external_id='], { allowFailure: true });

    expect(statementsOf(JSON.parse(outputsOf(withExternalId.show).trust!) as PolicyDocument)[0]?.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'acme-ops-7f3a' } });
    expect(neither.result.code).not.toBe(0);
    expect(neither.result.stderr.replace(/\s+/g, ' ')).toContain('Give organization_id (the trust requires aws:PrincipalOrgID) or external_id');
  }, 180_000);

  test('with the hub\'s resource_kinds = ["ec2"], may neither resize nor tag any Auto Scaling group nor stop, start or tag any database, tagged or not, and its descriptions say so', async () => {
    const { show } = await plan('ec2-only', ['-var=resource_kinds=["ec2"]']);
    const [rendered] = resourcesOf(show, 'aws_iam_role_policy');
    const ec2Only = JSON.parse(String(rendered?.values.policy)) as PolicyDocument;
    const group = `arn:aws:autoscaling:ap-northeast-2:${proxy.accountId}:autoScalingGroup:0f3c1a2b-1111-2222-3333-444455556666:autoScalingGroupName/dev-web`;
    const database = `arn:aws:rds:ap-northeast-2:${proxy.accountId}:db:dev-orders-db`;
    const requests = [
      { action: 'autoscaling:UpdateAutoScalingGroup', resource: group, context: tagged('Yes') },
      { action: 'autoscaling:CreateOrUpdateTags', resource: group, context: { ...tagged('Yes'), 'aws:TagKeys': ['AutoStopStartSavedSizes'] } },
      { action: 'rds:StopDBInstance', resource: database, context: tagged('Yes') },
      { action: 'rds:AddTagsToResource', resource: database, context: { ...tagged('Yes'), 'aws:TagKeys': ['AutoStopStartStoppedAt'] } },
    ];

    for (const request of requests) {
      // The same request is allowed by the default role: the denial is resource_kinds', not the request's.
      expect([request.action, evaluate(policy, request)]).toEqual([request.action, 'allowed']);
      expect([request.action, evaluate(ec2Only, request)]).toEqual([request.action, 'implicitly denied']);
    }
    expect(evaluate(ec2Only, { action: 'ec2:StopInstances', resource: instance(), context: tagged('Yes') })).toBe('allowed');
    expect(outputsOf(show).template).toContain('stop and start what carries the opt-in tag (EC2 instances) and read');
  }, 180_000);

  test('the CloudFormation template creates the same role from the same documents, with the account and partition left to CloudFormation', () => {
    const template = JSON.parse(outputs.template!) as {
      Description: string;
      Resources: { MemberRole: { Type: string; Properties: { RoleName: string; Description: string; AssumeRolePolicyDocument: unknown; Policies: { PolicyName: string; PolicyDocument: unknown }[] } } };
    };
    const role = template.Resources.MemberRole;
    // What CloudFormation's Fn::Sub makes of it in this account.
    const deployedHere = JSON.parse(
      JSON.stringify(role.Properties.Policies[0]!.PolicyDocument).replace(/\{"Fn::Sub":"([^"]*)"\}/g, (_, text: string) =>
        JSON.stringify(text.replace('${AWS::AccountId}', proxy.accountId).replace('${AWS::Partition}', 'aws')),
      ),
    ) as PolicyDocument;

    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBe('ops-automation-member');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(trust);
    expect(JSON.stringify(role.Properties.Policies[0]!.PolicyDocument)).toContain('{"Fn::Sub":"arn:${AWS::Partition}:ec2:ap-northeast-2:${AWS::AccountId}:instance/*"}');
    expect(deployedHere).toEqual(policy);
    // What a person approving the StackSet reads: every kind the role may stop and start (resource_kinds, here the default).
    expect(template.Description).toBe(
      "ops-automation member role: lets the hub's functions stop and start what carries the opt-in tag (EC2 instances; RDS DB instances and Aurora clusters; Auto Scaling groups) and read the inventory of this account.",
    );
    expect(role.Properties.Description).toBe(
      "Assumed by the ops-automation hub to stop/start what is tagged AutoStopStart (EC2 instances; RDS DB instances and Aurora clusters; Auto Scaling groups) and read this account's inventory.",
    );
  });
});

describe('member role, applied against the local emulator', () => {
  test('creates the role with the planned trust and permissions, and destroys it', async () => {
    await workspace.run(['apply', '-auto-approve', '-no-color', '-lock=false', `-var=endpoint_url=${proxy.url}`]);
    try {
      const role = await motoIamQuery(proxy.url, 'GetRole', { RoleName: 'ops-automation-member' });
      const inline = await motoIamQuery(proxy.url, 'GetRolePolicy', { RoleName: 'ops-automation-member', PolicyName: 'least-privilege' });
      // IAM answers documents URL-encoded inside XML.
      const documentIn = (xml: string, tag: string) => JSON.parse(decodeURIComponent(new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)![1]!.replace(/&quot;/g, '"'))) as unknown;

      expect(role).toContain(`<Arn>arn:aws:iam::${proxy.accountId}:role/ops-automation-member</Arn>`);
      expect(documentIn(role, 'AssumeRolePolicyDocument')).toEqual(trust);
      expect(documentIn(inline, 'PolicyDocument')).toEqual(policy);
    } finally {
      await workspace.run(['destroy', '-auto-approve', '-no-color', '-lock=false', `-var=endpoint_url=${proxy.url}`]);
    }
    await expect(motoIamQuery(proxy.url, 'GetRole', { RoleName: 'ops-automation-member' })).rejects.toThrow(/NoSuchEntity/);
  }, 300_000);
});
