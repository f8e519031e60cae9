/**
 * Rules that several steps and the ops CLI apply live once in functions/shared/; these tests ask
 * every place that applies one and expect the same answer, so a copy that drifts shows up here.
 */
import { validateCostReportRequest } from '../../functions/shared/cost-request';
import { parsePublishRequest } from '../../functions/publish-report/publish';
import { parseRenderRequest } from '../../functions/render-report/render';
import { readCostReportConfig, readPowerScheduleConfig } from '../../functions/shared/config';
import { startOfLocalDay } from '../../functions/shared/schedule-hours';
import { isExecutionName, validateExecutionName } from '../../functions/shared/execution-name';
import { validatePowerRequest } from '../../functions/validate-input/validate';
import { executionName, parseIsoDate } from '../../scripts/ops/names';

const TOTALS = { ec2Monthly: 0, ebsMonthly: 0, ipv4Monthly: 0, snapshotMonthly: 0, totalMonthly: 0, wasteMonthly: 0, scheduleSavingsMonthly: 0, unpricedItems: 0 };

/** Whether each place that reads a YYYY-MM-DD date accepts `date`. */
function dateAcceptedBy(date: string): Record<string, boolean> {
  const accepts = (read: () => unknown): boolean => {
    try {
      read();
      return true;
    } catch {
      return false;
    }
  };
  return {
    'cost-report input reportDate': accepts(() => validateCostReportRequest({ reportDate: date }, { regions: ['us-east-1'], timeZone: 'UTC', now: new Date() })),
    'power-schedule skipDates': accepts(() => validatePowerRequest({ action: 'start', skipDates: [date], timezone: 'UTC' }, { tagValue: 'Yes', now: new Date() })),
    'RenderReport reportDate': accepts(() => parseRenderRequest({ executionName: 'x', reportDate: date, inventoryKey: 'k', prices: [] })),
    'PublishReport reportDate': accepts(() =>
      parsePublishRequest({ executionName: 'x', reportDate: date, workbookKey: 'w', summaryKey: 's', totals: TOTALS }),
    ),
    'ops --date': accepts(() => parseIsoDate(date)),
    'schedule estimate start day': accepts(() => startOfLocalDay(date, 'UTC')),
    'cost-report POWER_SCHEDULES skipDates': accepts(() =>
      readCostReportConfig({
        AWS_REGION: 'us-east-1',
        REPORT_BUCKET: 'b',
        POWER_SCHEDULES: JSON.stringify([{ tagValue: 'Yes', stopCron: 'cron(0 20 ? * MON-FRI *)', startCron: 'cron(0 8 ? * MON-FRI *)', timezone: 'UTC', skipDates: [date] }]),
      }),
    ),
  };
}

describe('a report or skip date is a calendar day written YYYY-MM-DD, everywhere', () => {
  test.each(['2026-11-23', '2028-02-29'])('%s is accepted by every step and the CLI', (date) => {
    expect(Object.values(dateAcceptedBy(date))).toEqual(Array(7).fill(true));
  });

  test.each(['2026-02-30', '2026-13-01', '2026-3-1', '23/11/2026', '2026-11-23T00:00:00Z'])('%s is refused by every step and the CLI', (date) => {
    expect(dateAcceptedBy(date)).toEqual(Object.fromEntries(Object.keys(dateAcceptedBy('2026-11-23')).map((k) => [k, false])));
  });
});

describe('execution names follow the StartExecution rules (1-80 characters; no white space, brackets, wildcards, " # % \\ ^ | ~ ` $ & , ; : / or control characters)', () => {
  test.each([
    ['a scheduled name', 'weekly-cost-report-20261123'],
    ['dots and underscores', 'stop.weekday_1'],
    ['80 characters', 'a'.repeat(80)],
    ['letters beyond ASCII', 'Überstunden-Lauf'],
    ['a generated UUID', '4f1c0a9e-1b2c-4d5e-8f90-123456789abc'],
  ])('%s, which AWS accepts, is accepted by CollectInventory and RenderReport', (_what, name) => {
    expect(isExecutionName(name)).toBe(true);
    expect(validateExecutionName(name)).toBe(name);
    expect(parseRenderRequest({ executionName: name, reportDate: '2026-11-23', inventoryKey: 'k', prices: [] }).executionName).toBe(name);
  });

  test.each([
    ['an empty name', ''],
    ['81 characters', 'a'.repeat(81)],
    ['a colon', 'weekly:2026'],
    ['a slash', '../other'],
    ['a space', 'two words'],
    ['a tab', 'tab\there'],
    ['a brace', 'brace{1}'],
    ['a wildcard', 'star*'],
    ['a semicolon', 'semi;colon'],
    ['a control character', 'ctl\u0007'],
  ])('%s, which AWS refuses, is refused by CollectInventory and RenderReport, naming the field', (_what, name) => {
    expect(isExecutionName(name)).toBe(false);
    expect(() => validateExecutionName(name)).toThrow(expect.objectContaining({ name: 'InvalidInputError', field: 'executionName' }));
    expect(() => parseRenderRequest({ executionName: name, reportDate: '2026-11-23', inventoryKey: 'k', prices: [] })).toThrow(
      expect.objectContaining({ field: 'executionName' }),
    );
  });

  test('a name of dots only, valid for AWS, is refused as it would climb out of the work folder', () => {
    expect(isExecutionName('..')).toBe(true);
    expect(() => validateExecutionName('..')).toThrow(expect.objectContaining({ field: 'executionName' }));
  });

  test('names the ops CLI makes are valid and keep to the characters CloudWatch Logs logging needs', () => {
    const name = executionName('cost report: every region / all accounts', new Date('2026-11-25T21:30:00Z'), 'ffff');

    expect(isExecutionName(name)).toBe(true);
    expect(name).toMatch(/^[0-9A-Za-z_-]+$/);
  });
});

describe('an opt-in tag value has 1-256 characters and no * or ? (EC2 filter wildcards), in config and input alike', () => {
  test.each([
    ['"Yes"', 'Yes', true],
    ['"Office hours"', 'Office hours', true],
    ['"Y*"', 'Y*', false],
    ['"Y?"', 'Y?', false],
    ['an empty value', '', false],
    ['257 characters', 'x'.repeat(257), false],
  ])('%s accepted: %s', (_what, value, accepted) => {
    const fromInput = () => validatePowerRequest({ action: 'stop', tagValue: value }, { tagValue: 'Yes', now: new Date() });
    const fromConfig = () => readPowerScheduleConfig({ AWS_REGION: 'us-east-1', TAG_VALUE: value });

    if (accepted) {
      expect(fromInput().tagValue).toBe(value);
      expect(fromConfig().tagValue).toBe(value);
    } else {
      expect(fromInput).toThrow(expect.objectContaining({ name: 'InvalidInputError', field: 'tagValue' }));
      expect(fromConfig).toThrow(expect.objectContaining({ name: 'ConfigError', variable: 'TAG_VALUE' }));
    }
  });
});

describe('the cost report reads its switches as true or false, and nothing else', () => {
  test.each([
    ['unset: on by default', undefined, true],
    ['"false"', 'false', false],
    ['"TRUE"', 'TRUE', true],
  ])('ENABLE_COST_EXPLORER %s', (_what, value, expected) => {
    expect(readCostReportConfig({ AWS_REGION: 'us-east-1', REPORT_BUCKET: 'b', ENABLE_COST_EXPLORER: value }).costExplorer).toBe(expected);
  });

  test('ENABLE_COST_EXPLORER=no is refused, naming the variable and what it may be', () => {
    expect(() => readCostReportConfig({ AWS_REGION: 'us-east-1', REPORT_BUCKET: 'b', ENABLE_COST_EXPLORER: 'no' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable: 'ENABLE_COST_EXPLORER', message: expect.stringContaining('must be true or false, got "no"') }),
    );
  });
});

describe('RESOURCE_KINDS: what a schedule acts on', () => {
  const kinds = (value?: string) => readPowerScheduleConfig({ AWS_REGION: 'us-east-1', ...(value === undefined ? {} : { RESOURCE_KINDS: value }) }).resourceKinds;

  test('instances, databases and Auto Scaling groups by default; a list narrows it', () => {
    expect(kinds()).toEqual(['ec2', 'rds', 'asg']);
    expect(kinds('ec2')).toEqual(['ec2']);
    expect(kinds(' asg , ec2 ')).toEqual(['asg', 'ec2']);
    expect(kinds('rds')).toEqual(['rds']);
  });

  test.each(['ec2,lambda', 'RDS', ','])('%j is refused naming the variable and the kinds allowed', (value) => {
    expect(() => kinds(value)).toThrow(expect.objectContaining({ name: 'ConfigError', variable: 'RESOURCE_KINDS', message: expect.stringMatching(/ec2, rds, asg/) }));
  });
});
