/**
 * The test harness's DescribeInstanceCreditSpecifications (scripts/local/moto_ec2_credits.py): moto
 * 5.2.1 answers "standard" for every instance; the harness answers as EC2 does — the credit option
 * given at launch (RunInstances CreditSpecification, or the launch template's), else the family's
 * default: standard for T2, unlimited for T3, T3a and T4g (EC2 API Reference, RunInstances
 * CreditSpecification: "Default: standard (T2 instances) or unlimited (T3/T3a/T4g instances)").
 * This pins that guess: the cost report's standard-mode tests rest on it.
 */
import {
  CreateLaunchTemplateCommand,
  DescribeInstanceCreditSpecificationsCommand,
  EC2Client,
  ModifyInstanceCreditSpecificationCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';

let proxy: AwsProxy;
let ec2: EC2Client;

beforeAll(async () => {
  proxy = await startAwsProxy();
  proxy.newAccount();
  ec2 = new EC2Client({ region: 'us-east-1', endpoint: proxy.url, maxAttempts: 1 });
});

afterAll(async () => {
  ec2.destroy();
  await proxy.close();
});

async function run(instanceType: string, extra: Partial<ConstructorParameters<typeof RunInstancesCommand>[0]> = {}): Promise<string> {
  const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: instanceType as never, MinCount: 1, MaxCount: 1, ...extra }));
  return out.Instances![0]!.InstanceId!;
}

async function creditOptions(ids: string[]): Promise<string[]> {
  const out = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ids }));
  const byId = new Map((out.InstanceCreditSpecifications ?? []).map((s) => [s.InstanceId, s.CpuCredits]));
  return ids.map((id) => byId.get(id) ?? 'missing');
}

test('each family launches in its default credit option: T2 standard, T3, T3a and T4g unlimited', async () => {
  const ids = [await run('t2.micro'), await run('t3.micro'), await run('t3a.small'), await run('t4g.nano')];
  expect(await creditOptions(ids)).toEqual(['standard', 'unlimited', 'unlimited', 'unlimited']);
});

test('the CreditSpecification given at launch (or by the launch template) wins over the default, and ModifyInstanceCreditSpecification changes it', async () => {
  const standardT3 = await run('t3.micro', { CreditSpecification: { CpuCredits: 'standard' } });
  const unlimitedT2 = await run('t2.micro', { CreditSpecification: { CpuCredits: 'unlimited' } });
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'standard-t3',
      LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro', CreditSpecification: { CpuCredits: 'standard' } },
    }),
  );
  const fromTemplate = await run('t3.micro', { LaunchTemplate: { LaunchTemplateName: 'standard-t3' } });
  expect(await creditOptions([standardT3, unlimitedT2, fromTemplate])).toEqual(['standard', 'unlimited', 'standard']);

  const changed = await ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: standardT3, CpuCredits: 'unlimited' }] }));
  expect(changed.SuccessfulInstanceCreditSpecifications).toEqual([{ InstanceId: standardT3 }]);
  expect(await creditOptions([standardT3])).toEqual(['unlimited']);
});
