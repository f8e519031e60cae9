/** The per-resource override tag (`<TAG_KEY>Override`): what an operator who sets it sees the schedule do. */
import { overrideSkip } from '../../functions/shared/overrides';

const TODAY = '2026-03-02';

describe('overrideSkip', () => {
  test('no override tag: the resource follows its schedule', () => {
    expect(overrideSkip('AutoStopStart', undefined, 'stop', TODAY)).toBeUndefined();
  });

  test('skip-until a later date leaves it alone, saying until when; from that date on it follows its schedule', () => {
    expect(overrideSkip('AutoStopStart', 'skip-until=2026-03-03', 'stop', TODAY)).toEqual({
      reason: 'AutoStopStartOverride=skip-until=2026-03-03: left alone until 2026-03-03 (today is 2026-03-02)',
      heldByOverride: true,
    });
    expect(overrideSkip('AutoStopStart', 'skip-until=2026-03-03', 'start', TODAY)).toEqual({ reason: expect.stringMatching(/left alone until 2026-03-03/), heldByOverride: true });
    expect(overrideSkip('AutoStopStart', 'skip-until=2026-03-02', 'stop', TODAY)).toBeUndefined();
    expect(overrideSkip('AutoStopStart', 'skip-until=2026-01-31', 'start', TODAY)).toBeUndefined();
  });

  test('stop-only: stopped by the schedule, never started by it', () => {
    expect(overrideSkip('AutoStopStart', 'stop-only', 'stop', TODAY)).toBeUndefined();
    expect(overrideSkip('AutoStopStart', 'stop-only', 'start', TODAY)).toEqual({ reason: 'AutoStopStartOverride=stop-only: never started by the schedule', heldByOverride: true });
  });

  test.each(['skip-until=2026-02-30', 'skip-until=tomorrow', 'stop only', 'keep-running', ''])(
    'the unknown value %j leaves the resource alone, naming the tag and what is allowed, as something to fix (not held by the override)',
    (value) => {
      for (const action of ['stop', 'start'] as const) {
        const skip = overrideSkip('Office', value, action, TODAY);
        expect(skip?.reason).toContain(`OfficeOverride=${JSON.stringify(value)} is not understood`);
        expect(skip?.reason).toMatch(/allowed: skip-until=YYYY-MM-DD .* or stop-only/);
        expect(skip).not.toHaveProperty('heldByOverride');
      }
    },
  );
});
