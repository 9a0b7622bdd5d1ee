import {
  addDays,
  formatTimeOfDay,
  localDayStartIso,
  toLocalDateValue,
  toLocalInputValue,
  toOffsetIso,
} from './local-time';

// The test runner's zone decides the expected offsets; these assertions hold in any zone.
const offsetOf = (date: Date) => {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

describe('local time', () => {
  it("sends a datetime-local value as the user's wall-clock time with the offset of that moment", () => {
    const iso = toOffsetIso('2026-11-23T09:00');
    expect(iso).toBe(`2026-11-23T09:00:00${offsetOf(new Date(2026, 10, 23, 9, 0))}`);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 10, 23, 9, 0).getTime());
  });

  it('uses the offset of the date itself, not of today (daylight saving time)', () => {
    const summer = toOffsetIso('2026-07-01T12:00');
    expect(summer.endsWith(offsetOf(new Date(2026, 6, 1, 12)))).toBe(true);
    expect(new Date(summer).getTime()).toBe(new Date(2026, 6, 1, 12).getTime());
  });

  it('formats a Date as a datetime-local value', () => {
    expect(toLocalInputValue(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
  });

  it("turns a date input's day into its local midnight, or the next one for an exclusive end", () => {
    expect(localDayStartIso('')).toBeUndefined();
    const start = localDayStartIso('2026-03-28')!;
    expect(new Date(start).getTime()).toBe(new Date(2026, 2, 28).getTime());
    const end = localDayStartIso('2026-03-28', true)!;
    expect(end.startsWith('2026-03-29T00:00:00')).toBe(true);
    expect(new Date(end).getTime()).toBe(new Date(2026, 2, 29).getTime());
  });

  it('moves by calendar days and formats a date input value', () => {
    expect(toLocalDateValue(addDays(new Date(2026, 0, 30), 3))).toBe('2026-02-02');
    expect(toLocalDateValue(addDays(new Date(2026, 2, 1), -1))).toBe('2026-02-28');
  });

  it("reads a moment off the user's clock, naming the day when it is not today", () => {
    const now = new Date(2026, 10, 23, 9, 0); // a Monday
    const clock = (date: Date) =>
      date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
    const laterToday = new Date(2026, 10, 23, 15, 45);
    expect(formatTimeOfDay(laterToday.toISOString(), now)).toBe(clock(laterToday));
    const tomorrow = new Date(2026, 10, 24, 7, 30);
    expect(formatTimeOfDay(tomorrow, now)).toBe(`tomorrow ${clock(tomorrow)}`);
    const thursday = new Date(2026, 10, 26, 7, 30);
    expect(formatTimeOfDay(thursday, now)).toBe(
      thursday.toLocaleString(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }),
    );
    const nextMonth = new Date(2026, 11, 2, 7, 30);
    expect(formatTimeOfDay(nextMonth, now)).toBe(
      nextMonth.toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }),
    );
  });
});
