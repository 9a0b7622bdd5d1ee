import { DomainError } from '../common/errors/domain-error';

const MINUTE_MS = 60_000;

export const WINDOW_RULES = {
  clockSkewMs: MINUTE_MS,
  maxLeadMs: 90 * 24 * 60 * MINUTE_MS,
  minLengthMs: 15 * MINUTE_MS,
  maxLengthMs: 7 * 24 * 60 * MINUTE_MS,
  checkInEarlyMs: 15 * MINUTE_MS,
} as const;

export interface WindowProblem {
  field: 'startAt' | 'endAt';
  message: string;
}

/**
 * R-BOOK-2: a reservation window starts not in the past (1 minute of skew allowed) and at most 90 days
 * ahead, and lasts 15 minutes to 7 days. Returns the problems, empty when the window is valid.
 */
export function windowProblems(startAt: Date, endAt: Date, now: Date): WindowProblem[] {
  const problems: WindowProblem[] = [];
  const lead = startAt.getTime() - now.getTime();
  const length = endAt.getTime() - startAt.getTime();
  if (lead < -WINDOW_RULES.clockSkewMs) problems.push({ field: 'startAt', message: 'startAt must not be in the past' });
  if (lead > WINDOW_RULES.maxLeadMs) problems.push({ field: 'startAt', message: 'startAt must be at most 90 days ahead' });
  if (length < WINDOW_RULES.minLengthMs) problems.push({ field: 'endAt', message: 'the window must last at least 15 minutes' });
  if (length > WINDOW_RULES.maxLengthMs) problems.push({ field: 'endAt', message: 'the window must last at most 7 days' });
  return problems;
}

/** Throws 400 VALIDATION_FAILED listing the window's problems, if any. */
export function assertValidWindow(startAt: Date, endAt: Date, now: Date): void {
  const problems = windowProblems(startAt, endAt, now);
  if (problems.length === 0) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Invalid reservation window — ${problems.map((p) => p.message).join('; ')}`,
    problems.map((p) => ({ field: p.field, errors: [p.message] })),
  );
}
