/** The per-resource override tag (`<TAG_KEY>Override`): what an operator who sets it sees the schedule do. */
import { overrideSkipReason } from '../../functions/shared/overrides';

const TODAY = '2026-03-02';

describe('overrideSkipReason', () => {
  test('no override tag: the resource follows its schedule', () => {
    expect(overrideSkipReason('AutoStopStart', undefined, 'stop', TODAY)).toBeUndefined();
  });

  test('skip-until a later date leaves it alone, saying until when; from that date on it follows its schedule', () => {
    expect(overrideSkipReason('AutoStopStart', 'skip-until=2026-03-03', 'stop', TODAY)).toBe(
      'AutoStopStartOverride=skip-until=2026-03-03: left alone until 2026-03-03 (today is 2026-03-02)',
    );
    expect(overrideSkipReason('AutoStopStart', 'skip-until=2026-03-03', 'start', TODAY)).toMatch(/left alone until 2026-03-03/);
    expect(overrideSkipReason('AutoStopStart', 'skip-until=2026-03-02', 'stop', TODAY)).toBeUndefined();
    expect(overrideSkipReason('AutoStopStart', 'skip-until=2026-01-31', 'start', TODAY)).toBeUndefined();
  });

  test('stop-only: stopped by the schedule, never started by it', () => {
    expect(overrideSkipReason('AutoStopStart', 'stop-only', 'stop', TODAY)).toBeUndefined();
    expect(overrideSkipReason('AutoStopStart', 'stop-only', 'start', TODAY)).toBe('AutoStopStartOverride=stop-only: never started by the schedule');
  });

  test.each(['skip-until=2026-02-30', 'skip-until=tomorrow', 'stop only', 'keep-running', ''])(
    'the unknown value %j leaves the resource alone, naming the tag and what is allowed',
    (value) => {
      for (const action of ['stop', 'start'] as const) {
        const reason = overrideSkipReason('Office', value, action, TODAY);
        expect(reason).toContain(`OfficeOverride=${JSON.stringify(value)} is not understood`);
        expect(reason).toMatch(/allowed: skip-until=YYYY-MM-DD .* or stop-only/);
      }
    },
  );
});
