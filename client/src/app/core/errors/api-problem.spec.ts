import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { errorBody } from '../../../testing/api-fixtures';
import { retryAfterSeconds, toApiProblem, waitInWords } from './api-problem';

/** A 429 as the API sends it (R-ERR-1 body, `Retry-After` header), or only what a proxy would. */
function tooMany(retryAfter?: string, details?: unknown, body = true): HttpErrorResponse {
  return new HttpErrorResponse({
    status: 429,
    statusText: 'Too Many Requests',
    headers: retryAfter ? new HttpHeaders({ 'Retry-After': retryAfter }) : undefined,
    error: body
      ? errorBody(429, 'RATE_LIMITED', 'Too many requests; try again later', details)
      : '',
  });
}

describe('ApiProblem: when to try again', () => {
  it('says when to try again from Retry-After, in words', () => {
    const problem = toApiProblem(tooMany('40', { retryAfterSeconds: 40 }));
    expect(problem.message).toBe('Too many attempts — try again in 40 seconds');
    expect(problem).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 40 });
    expect(toApiProblem(tooMany('1')).message).toBe('Too many attempts — try again in 1 second');
    expect(toApiProblem(tooMany('90')).message).toBe('Too many attempts — try again in 2 minutes');
  });

  it('reads a Retry-After given as a date, and falls back to the seconds in the body', () => {
    const now = Date.parse('2026-11-23T09:00:00Z');
    expect(retryAfterSeconds(tooMany('Mon, 23 Nov 2026 09:00:30 GMT'), undefined, now)).toBe(30);
    // Without the header (a proxy dropped it) the body's details still carry the wait.
    expect(toApiProblem(tooMany(undefined, { retryAfterSeconds: 17 })).message).toBe(
      'Too many attempts — try again in 17 seconds',
    );
  });

  it('still says what to do when the wait is unknown, even without our error body', () => {
    expect(toApiProblem(tooMany()).message).toBe('Too many attempts — wait a moment and try again');
    expect(toApiProblem(tooMany('5', undefined, false))).toMatchObject({
      code: 'HTTP_ERROR',
      message: 'Too many attempts — try again in 5 seconds',
    });
  });

  it('adds when to try again to the reason of a 503 that names its wait, and only then', () => {
    const unavailable = (headers?: HttpHeaders) =>
      new HttpErrorResponse({
        status: 503,
        headers,
        error: errorBody(503, 'SERVICE_UNAVAILABLE', 'The service is shutting down or unavailable'),
      });
    expect(toApiProblem(unavailable(new HttpHeaders({ 'Retry-After': '5' }))).message).toBe(
      'The service is shutting down or unavailable — try again in 5 seconds',
    );
    expect(toApiProblem(unavailable()).message).toBe('The service is shutting down or unavailable');
  });

  it('counts waits as a person does', () => {
    expect(waitInWords(0)).toBe('1 second');
    expect(waitInWords(59)).toBe('59 seconds');
    expect(waitInWords(60)).toBe('1 minute');
    expect(waitInWords(61)).toBe('2 minutes');
    expect(waitInWords(3600)).toBe('1 hour');
    expect(waitInWords(3601)).toBe('2 hours');
  });
});
