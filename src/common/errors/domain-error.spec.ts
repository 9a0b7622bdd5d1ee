import { DomainError } from './domain-error';

describe('DomainError', () => {
  it('takes its status and default message from the catalogue', () => {
    const error = new DomainError('EMAIL_TAKEN');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'EMAIL_TAKEN', status: 409, message: 'An account with this e-mail already exists' });
    expect(error.details).toBeUndefined();
    expect(error.headers).toEqual({});
  });

  it('keeps a custom message and details', () => {
    const error = new DomainError('VALIDATION_FAILED', 'Bad input', [{ field: 'x', errors: ['bad'] }]);
    expect(error).toMatchObject({ status: 400, message: 'Bad input', details: [{ field: 'x', errors: ['bad'] }] });
  });

  it('notFound names the missing thing', () => {
    expect(DomainError.notFound('Lot')).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Lot not found' });
  });

  it('rateLimited carries Retry-After and the wait in details', () => {
    const error = DomainError.rateLimited(42);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, message: 'Too many requests; try again later' });
    expect(error.details).toEqual({ retryAfterSeconds: 42 });
    expect(error.headers).toEqual({ 'Retry-After': '42' });
    expect(DomainError.rateLimited(5, 'Slow down').message).toBe('Slow down');
  });
});
