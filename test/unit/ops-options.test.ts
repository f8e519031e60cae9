import { resolveDeployment, requireBucket, requireMachine, knownMachines, type TerraformReader } from '../../scripts/ops/deployment';
import { executionName, parseChoice, parseIsoDate, parseRegions, parseSince } from '../../scripts/ops/names';
import { redriveRefusal } from '../../scripts/ops/redrive';
import type { ExecutionDescription } from '../../scripts/ops/executions';
import { describeFailure } from '../../scripts/ops/errors';

const POWER_ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:ops-power-schedule';
const COST_ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:ops-cost-report';

function outputs(values: Record<string, unknown>): TerraformReader {
  return jest.fn(() => ({ outputs: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }])) }));
}

describe('ops execution names', () => {
  it('reads as manual-<what>-<UTC minute>-<4 hex> and is a valid Step Functions name', () => {
    const name = executionName('stop', new Date('2026-11-25T21:30:59Z'), 'a1b2');

    expect(name).toBe('manual-stop-20261125T2130Z-a1b2');
  });

  it('stays within 80 allowed characters and keeps the time and suffix when the purpose is long', () => {
    const name = executionName('cost report for: every region / all accounts '.repeat(4), new Date('2026-11-25T21:30:00Z'), 'ffff');

    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(name.endsWith('-20261125T2130Z-ffff')).toBe(true);
  });

  it('differs between two runs in the same minute', () => {
    const now = new Date('2026-11-25T21:30:00Z');

    expect(executionName('stop', now)).not.toBe(executionName('stop', now));
  });
});

describe('ops flag values', () => {
  it('turns --since ages into milliseconds', () => {
    expect(parseSince('30m')).toBe(30 * 60_000);
    expect(parseSince('24h')).toBe(86_400_000);
    expect(parseSince('7d')).toBe(7 * 86_400_000);
    expect(parseSince('2w')).toBe(14 * 86_400_000);
  });

  it('rejects bad values with the allowed forms in the message', () => {
    expect(() => parseSince('yesterday')).toThrow('like 30m, 24h, 7d');
    expect(() => parseIsoDate('2026-02-30')).toThrow('must be a date YYYY-MM-DD');
    expect(() => parseChoice(['stop', 'start'])('reboot')).toThrow('must be one of stop, start; got "reboot"');
    expect(() => parseRegions('us-east-1,mars')).toThrow('region codes');
    expect(parseRegions('us-east-1, eu-west-1,us-east-1')).toEqual(['us-east-1', 'eu-west-1']);
  });
});

describe('ops finds the deployment', () => {
  it('takes flags first, then OPS_* variables, then Terraform outputs', () => {
    const read = outputs({
      power_schedule_state_machine_arn: 'arn:from:terraform:power',
      cost_report_state_machine_arn: COST_ARN,
      report_bucket_name: 'tf-bucket',
      report_prefix: 'reports/',
      region: 'eu-west-1',
    });

    const deployment = resolveDeployment({ powerArn: POWER_ARN }, { OPS_REPORT_BUCKET: 'env-bucket', OPS_COST_REPORT_ARN: '' }, read);

    expect(knownMachines(deployment)).toEqual([
      ['power-schedule', POWER_ARN],
      ['cost-report', COST_ARN],
    ]);
    expect(requireBucket(deployment)).toEqual({ bucket: 'env-bucket', prefix: 'reports/' });
    expect(deployment.region).toBe('eu-west-1');
    expect(read).toHaveBeenCalledTimes(1);
    // terraform/ is a module without state; the README deploys from the complete example.
    expect(read).toHaveBeenCalledWith('terraform/examples/complete');
  });

  it('does not run terraform when the command has what it needs from flags and variables', () => {
    const read = jest.fn<ReturnType<TerraformReader>, [string]>();

    const deployment = resolveDeployment({ powerArn: POWER_ARN }, { OPS_REPORT_BUCKET: 'b', OPS_REPORT_PREFIX: '' }, read);

    expect(requireMachine(deployment, 'power-schedule')).toBe(POWER_ARN);
    expect(requireBucket(deployment)).toEqual({ bucket: 'b', prefix: '' });
    expect(read).not.toHaveBeenCalled();
  });

  it('reads the Terraform directory from --tf-dir, else OPS_TF_DIR', () => {
    const read = outputs({ power_schedule_state_machine_arn: POWER_ARN });

    requireMachine(resolveDeployment({ tfDir: 'deploy/prod' }, { OPS_TF_DIR: 'elsewhere' }, read), 'power-schedule');
    requireMachine(resolveDeployment({}, { OPS_TF_DIR: 'elsewhere' }, read), 'power-schedule');

    expect(read).toHaveBeenNthCalledWith(1, 'deploy/prod');
    expect(read).toHaveBeenNthCalledWith(2, 'elsewhere');
  });

  it('says why nothing was found and how to name it instead', () => {
    const deployment = resolveDeployment({}, {}, () => ({ problem: 'Terraform in terraform has no outputs (nothing deployed yet? run terraform apply)' }));

    expect(() => requireMachine(deployment, 'cost-report')).toThrow(
      'cannot find the cost-report state machine: Terraform in terraform has no outputs (nothing deployed yet? run terraform apply); pass --cost-arn or set OPS_COST_REPORT_ARN',
    );
    expect(() => knownMachines(deployment)).toThrow(/^nothing deployed found: .*--power-arn/);
    expect(() => requireBucket(deployment)).toThrow(/pass --bucket or set OPS_REPORT_BUCKET/);
  });
});

describe('ops redrive refuses what AWS cannot redrive', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const base: ExecutionDescription = {
    executionArn: 'arn:aws:states:eu-west-1:111122223333:execution:ops-power-schedule:nightly',
    stateMachineArn: POWER_ARN,
    name: 'nightly',
    status: 'FAILED',
    startDate: new Date('2026-11-24T21:00:00Z'),
    stopDate: new Date('2026-11-24T21:05:00Z'),
  };

  it('accepts a failed, timed-out or aborted Standard execution stopped within 14 days', () => {
    expect(redriveRefusal(base, 'STANDARD', now)).toBeUndefined();
    expect(redriveRefusal({ ...base, status: 'TIMED_OUT', stopDate: new Date('2026-11-12T13:00:00Z') }, 'STANDARD', now)).toBeUndefined();
    expect(redriveRefusal({ ...base, status: 'ABORTED' }, 'STANDARD', now)).toBeUndefined();
  });

  it('refuses with the reason a person can act on', () => {
    expect(redriveRefusal({ ...base, status: 'SUCCEEDED' }, 'STANDARD', now)).toBe('nightly SUCCEEDED: there is nothing to redrive');
    expect(redriveRefusal({ ...base, status: 'RUNNING', stopDate: undefined }, 'STANDARD', now)).toBe('nightly is still running: wait for it to end');
    expect(redriveRefusal({ ...base, stopDate: new Date('2026-11-10T21:05:00Z') }, 'STANDARD', now)).toMatch(
      /stopped 2026-11-10 21:05:00Z, more than 14 days ago: AWS redrives only within 14 days/,
    );
    expect(redriveRefusal(base, 'EXPRESS', now)).toMatch(/Express state machine: AWS redrives Standard workflows only/);
    expect(redriveRefusal({ ...base, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution was started before the launch of RedriveExecution' }, 'STANDARD', now)).toBe(
      'nightly cannot be redriven: Execution was started before the launch of RedriveExecution',
    );
  });
});

describe('ops error lines', () => {
  it('words SDK errors as one line that says what to do', () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers\n    at stack'), { name: 'CredentialsProviderError' });
    const noRegion = new Error('Region is missing');

    expect(describeFailure(noCredentials)).toMatch(/^no AWS credentials found: set AWS_PROFILE/);
    expect(describeFailure(noRegion)).toBe('no AWS region: set AWS_REGION or a region in your AWS profile');
    expect(describeFailure(Object.assign(new Error('boom\nline two'), { name: 'InternalServerError' }))).toBe('InternalServerError: boom');
  });
});
