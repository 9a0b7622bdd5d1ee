import { DomainError } from '../common/errors/domain-error';
import { daysBetween, isLocalDate, recentMonths, resolveRange } from './stats-range';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('stats ranges (R-STAT-1, R-STAT-1b)', () => {
  it('accepts only real calendar dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-03-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(20260301)).toBe(false);
  });

  it('defaults to the 30 local days ending today, in the zone of the app', () => {
    // 23:30 UTC on 21 November is already 22 November in Berlin.
    const range = resolveRange({}, new Date('2026-11-21T23:30:00Z'), 'Europe/Berlin');
    expect([range.from, range.to, range.days.length]).toEqual(['2026-10-24', '2026-11-22', 30]);
    expect(range.startAt.toISOString()).toBe('2026-10-23T22:00:00.000Z');
    expect(range.endAt.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    // The range crosses the fall-back of 25 October: 30 days are 30 × 24 + 1 hours.
    expect((range.endAt.getTime() - range.startAt.getTime()) / 3_600_000).toBe(721);
  });

  it('takes 30 days back from a given end, and today as the end of a given start', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(resolveRange({ to: '2026-03-31' }, now, 'UTC')).toMatchObject({ from: '2026-03-02', to: '2026-03-31' });
    expect(resolveRange({ from: '2026-11-20' }, now, 'UTC')).toMatchObject({ from: '2026-11-20', to: '2026-11-22' });
    expect(resolveRange({ from: '2026-11-22', to: '2026-11-22' }, now, 'UTC').days).toEqual(['2026-11-22']);
  });

  it('refuses an end before the start and more than 366 days, as 400 VALIDATION_FAILED', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const backwards = refusal(() => resolveRange({ from: '2026-03-10', to: '2026-03-09' }, now, 'UTC'));
    expect([backwards.code, backwards.status]).toEqual(['VALIDATION_FAILED', 400]);
    expect(backwards.details).toEqual([{ field: 'to', errors: ['to must not be before from'] }]);
    expect(resolveRange({ from: '2025-01-01', to: '2026-01-01' }, now, 'UTC').days).toHaveLength(366);
    expect(refusal(() => resolveRange({ from: '2025-01-01', to: '2026-01-02' }, now, 'UTC')).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => resolveRange({ from: '1900-01-01', to: '2026-01-02' }, now, 'UTC')).code).toBe('VALIDATION_FAILED');
  });

  it('lists calendar days across month and leap-year ends', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it('lists the current local month and the eleven before it, from local midnight of the first', () => {
    const { months, startAt } = recentMonths(new Date('2026-01-31T23:30:00Z'), 'Europe/Berlin');
    expect(months).toHaveLength(12);
    expect([months[0], months[11]]).toEqual(['2025-03', '2026-02']);
    expect(startAt.toISOString()).toBe('2025-02-28T23:00:00.000Z');
  });
});
