import { DomainError } from '../common/errors/domain-error';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const WINDOW_RULES = {
  clockSkewMs: MINUTE_MS,
  maxLeadMs: 90 * DAY_MS,
  minLengthMs: 15 * MINUTE_MS,
  maxLengthMs: 7 * DAY_MS,
  checkInEarlyMs: 15 * MINUTE_MS,
} as const;

/** How far ahead and how long a window may be: a reservation's (R-BOOK-2) or a quote's (R-QUOTE-1). */
export interface WindowLimits {
  /** Named in messages: "reservation window", "quote window". */
  what: string;
  clockSkewMs: number;
  maxLeadMs: number;
  minLengthMs: number;
  maxLengthMs: number;
}

export const RESERVATION_WINDOW: WindowLimits = { what: 'reservation window', ...WINDOW_RULES };
/** R-QUOTE-1: from now up to 365 days ahead, 1 minute to 7 days (any stay can be priced, not only a bookable one). */
export const QUOTE_WINDOW: WindowLimits = { what: 'quote window', clockSkewMs: MINUTE_MS, maxLeadMs: 365 * DAY_MS, minLengthMs: MINUTE_MS, maxLengthMs: 7 * DAY_MS };

export interface WindowProblem {
  field: 'startAt' | 'endAt';
  message: string;
}

/** "15 minutes", "7 days", "1 minute". */
function duration(ms: number): string {
  const [amount, unit] = ms % DAY_MS === 0 ? [ms / DAY_MS, 'day'] : [ms / MINUTE_MS, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/**
 * A window starts not in the past (1 minute of skew allowed) and at most `maxLeadMs` ahead, and lasts
 * `minLengthMs` to `maxLengthMs` (R-BOOK-2 by default). Returns the problems, empty when the window is valid.
 */
export function windowProblems(startAt: Date, endAt: Date, now: Date, limits: WindowLimits = RESERVATION_WINDOW): WindowProblem[] {
  const problems: WindowProblem[] = [];
  const lead = startAt.getTime() - now.getTime();
  const length = endAt.getTime() - startAt.getTime();
  if (lead < -limits.clockSkewMs) problems.push({ field: 'startAt', message: 'startAt must not be in the past' });
  if (lead > limits.maxLeadMs) problems.push({ field: 'startAt', message: `startAt must be at most ${duration(limits.maxLeadMs)} ahead` });
  if (length < limits.minLengthMs) problems.push({ field: 'endAt', message: `the window must last at least ${duration(limits.minLengthMs)}` });
  if (length > limits.maxLengthMs) problems.push({ field: 'endAt', message: `the window must last at most ${duration(limits.maxLengthMs)}` });
  return problems;
}

/** Throws 400 VALIDATION_FAILED listing the window's problems, if any. */
export function assertValidWindow(startAt: Date, endAt: Date, now: Date, limits: WindowLimits = RESERVATION_WINDOW): void {
  const problems = windowProblems(startAt, endAt, now, limits);
  if (problems.length === 0) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Invalid ${limits.what} — ${problems.map((p) => p.message).join('; ')}`,
    problems.map((p) => ({ field: p.field, errors: [p.message] })),
  );
}
