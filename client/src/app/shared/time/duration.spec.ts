import { formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [1, '1 min'],
    [59, '59 min'],
    [60, '1 h'],
    [61, '1 h 1 min'],
    [135, '2 h 15 min'],
    [1439, '23 h 59 min'],
    [1440, '1 d'],
    [1499, '1 d'],
    [4440, '3 d 2 h'],
    [4499, '3 d 2 h'],
  ])('writes %i minutes as "%s"', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('never writes decimal hours, a fraction of a minute or a negative duration', () => {
    expect(formatDuration(10.7)).toBe('10 min');
    expect(formatDuration(-5)).toBe('0 min');
    for (let minutes = 0; minutes < 3 * 1440; minutes += 7) {
      expect(formatDuration(minutes)).toMatch(/^(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)$/);
    }
  });
});
