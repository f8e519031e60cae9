/** The sizes record on a stopped Auto Scaling group: what a start can trust, and what it refuses. */
import { formatSizes, parseSizes } from '../../functions/shared/auto-scaling-groups';

describe('the <TAG_KEY>SavedSizes record', () => {
  test('reads back exactly what was written', () => {
    const sizes = { min: 1, max: 4, desired: 2 };
    expect(formatSizes(sizes)).toBe('min=1 max=4 desired=2');
    expect(parseSizes(formatSizes(sizes))).toEqual(sizes);
  });

  test.each(['', 'min=1;max=4;desired=2', '{"min":1,"max":4,"desired":2}', 'min=3 max=4 desired=2', 'min=1 max=1 desired=2', 'min=-1 max=4 desired=2'])(
    'refuses %j: not a record a start may restore',
    (text) => {
      expect(parseSizes(text)).toBeUndefined();
    },
  );
});
