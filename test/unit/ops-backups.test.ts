/** `ops backups` without AWS: plans from `terraform output backup_plans`, and the refusals a user meets before any call. */
import { selectionReaches } from '../../functions/shared/backup-coverage';
import { main } from '../../scripts/ops';
import { plansFromTerraform } from '../../scripts/ops/backups';

async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('ops backups: plans from terraform output backup_plans', () => {
  it('reads each plan as the module deploys it: instances and volumes that carry the tag, on its cron and retention', () => {
    // Prepare: the output's shape (terraform/outputs.tf).
    const output = {
      daily: { id: 'plan-1', arn: 'arn:aws:backup:ap-northeast-2:111122223333:backup-plan:plan-1', name: 'ops-daily', selection_id: 'sel-1', tag_key: 'Backup', tag_value: 'Daily', cron: 'cron(0 3 * * ? *)', timezone: 'Asia/Seoul', retention_days: 35 },
    };

    // Act
    const [plan] = plansFromTerraform(output, 'ap-northeast-2')!;

    // Assess
    expect(plan).toMatchObject({ region: 'ap-northeast-2', planId: 'plan-1', name: 'ops-daily', rules: [{ cron: 'cron(0 3 * * ? *)', timezone: 'Asia/Seoul', retentionDays: 35 }] });
    const tagged = (kind: 'instance' | 'volume', value: string) => ({ region: 'ap-northeast-2', kind, id: 'x-1', tags: [{ Key: 'Backup', Value: value }] });
    expect([selectionReaches(plan!.selections[0]!, tagged('instance', 'Daily')), selectionReaches(plan!.selections[0]!, tagged('volume', 'Daily')), selectionReaches(plan!.selections[0]!, tagged('instance', 'Weekly'))]).toEqual([true, true, false]);
  });

  it('refuses an output without the tag or cron, saying how to go on', () => {
    expect(() => plansFromTerraform({ daily: { id: 'plan-1' } }, 'ap-northeast-2')).toThrow('terraform output backup_plans["daily"] lacks tag_key, tag_value or cron');
    expect(plansFromTerraform(null, 'ap-northeast-2')).toBeUndefined();
  });
});

describe('ops backups: bad flags are one line and exit 1, before anything is read', () => {
  it.each([
    [['backups', '--point', 'snap-1'], 'error: --point goes with --instance i-...\n'],
    [['backups', '--instance', 'web-1', '--plans-from', 'api', '--regions', 'us-east-1'], 'error: --instance must be an instance id like i-0123456789abcdef0; got "web-1"\n'],
    [['backups', '--plans-from', 'api'], 'error: no region: set AWS_REGION or pass --regions us-east-1,eu-west-1\n'],
  ])('ops %j', async (args, message) => {
    const result = await ops(...args);

    expect([result.code, result.stderr]).toEqual([1, message]);
  });

  it('names the allowed sources of plans', async () => {
    const result = await ops('backups', '--plans-from', 'cmdb');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("must be one of terraform, api; got \"cmdb\"");
  });
});
