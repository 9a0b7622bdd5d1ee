import { durationMs } from './duration';

describe('durationMs', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['0s', 0],
  ])('%s is %d ms', (duration, ms) => {
    expect(durationMs(duration)).toBe(ms);
  });

  it.each(['', '15', '15x', '15M', '1.5h', '-1m', ' 15m', '15m ', 'm'])('refuses %j', (duration) => {
    expect(() => durationMs(duration)).toThrow(`Not a duration: ${duration}`);
  });
});
