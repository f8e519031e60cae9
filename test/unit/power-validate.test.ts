/** Input validation: what an operator typing an execution input in the console sees when it is wrong. */
import { InvalidInputError } from '../../functions/shared/errors';
import { validatePowerRequest } from '../../functions/validate-input/validate';

const defaults = { tagValue: 'Yes', now: new Date('2026-03-02T12:00:00Z') };

function refusal(input: unknown): InvalidInputError {
  try {
    validatePowerRequest(input, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('validatePowerRequest', () => {
  test('a plain stop gets the defaults: no dry run, the configured tag value, UTC, no hibernation', () => {
    expect(validatePowerRequest({ action: 'stop' }, defaults)).toEqual({ action: 'stop', dryRun: false, tagValue: 'Yes', timezone: 'UTC', hibernate: false });
    expect(validatePowerRequest({ action: 'start', dryRun: true, tagValue: 'Office' }, defaults)).toEqual({
      action: 'start',
      dryRun: true,
      tagValue: 'Office',
      timezone: 'UTC',
      hibernate: false,
    });
  });

  test('a stop may ask for hibernation, in the schedule\'s time zone', () => {
    expect(validatePowerRequest({ action: 'stop', hibernate: true, timezone: 'Asia/Seoul' }, defaults)).toMatchObject({ hibernate: true, timezone: 'Asia/Seoul' });
  });

  test.each([
    [{ action: 'reboot' }, 'action', /"stop" or "start"/],
    [{}, 'action', /"stop" or "start"/],
    [{ action: 'Stop' }, 'action', /"Stop"/],
    [{ action: 'stop', dryRun: 'yes' }, 'dryRun', /true or false/],
    [{ action: 'stop', tagValue: 'Y*' }, 'tagValue', /without \* or \?/],
    [{ action: 'start', skipDates: ['2026-3-1'], timezone: 'Asia/Seoul' }, 'skipDates', /YYYY-MM-DD/],
    [{ action: 'start', skipDates: ['2026-03-01'], timezone: 'Mars/Olympus' }, 'timezone', /IANA/],
    [{ action: 'start', skipDates: ['2026-03-01'] }, 'timezone', /required with skipDates/],
    [{ action: 'stop', hibernate: 'yes' }, 'hibernate', /true or false/],
    [{ action: 'start', hibernate: true }, 'hibernate', /"stop" only/],
  ])('%j is refused, naming %s and what is allowed', (input, field, allowed) => {
    const error = refusal(input);
    expect(error.name).toBe('InvalidInputError');
    expect(error.message).toContain(field);
    expect(error.message).toMatch(allowed);
  });

  test('an unknown field is refused, so a typo like "dryrun" cannot turn a dry run into a real one', () => {
    const error = refusal({ action: 'stop', dryrun: true });
    expect(error.message).toContain('dryrun');
    expect(error.message).toMatch(/allowed fields: .*dryRun/);
  });

  test('every bad field is named at once, so one correction is enough', () => {
    const error = refusal({ action: 'reboot', dryRun: 'no', extra: 1 });
    expect(error.message).toMatch(/extra[^;]*not a known field/);
    expect(error.message).toMatch(/action[^;]*"stop" or "start"/);
    expect(error.message).toMatch(/dryRun[^;]*true or false/);
  });

  test.each([null, 'stop', ['stop'], 42])('a non-object input %j is refused', (input) => {
    expect(refusal(input).message).toMatch(/JSON object/);
  });
});

describe('skipDates are dates in the schedule time zone', () => {
  // 16:30 UTC on 2 March is 01:30 on 3 March in Seoul.
  const now = new Date('2026-03-02T16:30:00Z');

  test('a start on a date that is today in Asia/Seoul (but still yesterday in UTC) is skipped, saying why', () => {
    const request = validatePowerRequest(
      { action: 'start', skipDates: ['2026-03-03'], timezone: 'Asia/Seoul' },
      { tagValue: 'Yes', now },
    );
    expect(request.skipReason).toMatch(/2026-03-03.*Asia\/Seoul/);
  });

  test('the UTC date does not count when it is not the date in the schedule time zone', () => {
    const request = validatePowerRequest(
      { action: 'start', skipDates: ['2026-03-02'], timezone: 'Asia/Seoul' },
      { tagValue: 'Yes', now },
    );
    expect(request.skipReason).toBeUndefined();
  });
});
