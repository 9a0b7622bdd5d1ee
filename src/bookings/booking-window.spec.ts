import { DomainError } from '../common/errors/domain-error';
import { assertValidWindow, QUOTE_WINDOW, windowProblems } from './booking-window';

const now = new Date('2026-11-22T10:00:00Z');
const plus = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const DAY = 24 * 60;

describe('reservation windows (R-BOOK-2)', () => {
  it('accepts a window starting now for 15 minutes, and one starting 90 days ahead for 7 days', () => {
    expect(windowProblems(now, plus(15), now)).toEqual([]);
    expect(windowProblems(plus(90 * DAY), plus(97 * DAY), now)).toEqual([]);
  });

  it('allows one minute of clock skew into the past, not more', () => {
    expect(windowProblems(plus(-1), plus(30), now)).toEqual([]);
    expect(windowProblems(plus(-1.01), plus(30), now)).toEqual([{ field: 'startAt', message: 'startAt must not be in the past' }]);
  });

  it('refuses a start more than 90 days ahead', () => {
    expect(windowProblems(plus(90 * DAY + 1), plus(90 * DAY + 60), now).map((p) => p.field)).toEqual(['startAt']);
  });

  it('refuses windows shorter than 15 minutes or longer than 7 days', () => {
    expect(windowProblems(plus(10), plus(24), now).map((p) => p.message)).toEqual(['the window must last at least 15 minutes']);
    expect(windowProblems(plus(10), plus(10 + 7 * DAY + 1), now).map((p) => p.message)).toEqual(['the window must last at most 7 days']);
    expect(windowProblems(plus(60), plus(30), now).map((p) => p.field)).toEqual(['endAt']);
  });

  it('throws VALIDATION_FAILED listing every problem', () => {
    expect.assertions(3);
    try {
      assertValidWindow(plus(-10), plus(-5), now);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).details).toEqual([
        { field: 'startAt', errors: ['startAt must not be in the past'] },
        { field: 'endAt', errors: ['the window must last at least 15 minutes'] },
      ]);
    }
  });
});

describe('quote windows (R-QUOTE-1)', () => {
  it('prices 1 minute to 7 days, starting up to 365 days ahead', () => {
    expect(windowProblems(now, plus(1), now, QUOTE_WINDOW)).toEqual([]);
    expect(windowProblems(plus(365 * DAY), plus(372 * DAY), now, QUOTE_WINDOW)).toEqual([]);
    expect(windowProblems(plus(365 * DAY + 1), plus(365 * DAY + 60), now, QUOTE_WINDOW)).toEqual([{ field: 'startAt', message: 'startAt must be at most 365 days ahead' }]);
    expect(windowProblems(plus(10), plus(10.5), now, QUOTE_WINDOW)).toEqual([{ field: 'endAt', message: 'the window must last at least 1 minute' }]);
    expect(windowProblems(plus(10), plus(10 + 7 * DAY + 1), now, QUOTE_WINDOW)).toEqual([{ field: 'endAt', message: 'the window must last at most 7 days' }]);
  });
});
