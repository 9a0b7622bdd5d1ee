import { ExecutionContext } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { AuthRateLimitGuard } from './rate-limit.guard';
import { RateLimitService, RateLimitVerdict } from './rate-limit.service';

function setup(verdict: RateLimitVerdict = { allowed: true, retryAfterSeconds: 0 }) {
  const limiter = { hit: jest.fn().mockResolvedValue(verdict) };
  const guard = new AuthRateLimitGuard(limiter as unknown as RateLimitService);
  const run = (request: { ip?: string; body?: unknown }) =>
    guard.canActivate({ switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext);
  return { limiter, run };
}

describe('AuthRateLimitGuard', () => {
  it.each([
    [{ email: '  Jane@Example.COM ' }, ['auth:client:10.0.0.1', 'auth:account:jane@example.com']],
    [{ login: ' Jane_Doe ' }, ['auth:client:10.0.0.1', 'auth:account:jane_doe']],
    [{ email: 'a@b.co', login: 'other' }, ['auth:client:10.0.0.1', 'auth:account:a@b.co']],
    [{ email: '   ' }, ['auth:client:10.0.0.1']],
    [{ email: 42 }, ['auth:client:10.0.0.1']],
    [{ refreshToken: 'abc' }, ['auth:client:10.0.0.1']],
    [undefined, ['auth:client:10.0.0.1']],
  ])('body %j counts against %j', async (body, buckets) => {
    const { limiter, run } = setup();
    await expect(run({ ip: '10.0.0.1', body })).resolves.toBe(true);
    expect(limiter.hit).toHaveBeenCalledWith(buckets);
  });

  it('uses "unknown" when the client address is missing', async () => {
    const { limiter, run } = setup();
    await run({ body: {} });
    expect(limiter.hit).toHaveBeenCalledWith(['auth:client:unknown']);
  });

  it('refuses over the limit with RATE_LIMITED and Retry-After', async () => {
    const { run } = setup({ allowed: false, retryAfterSeconds: 17 });
    const error = await run({ ip: '10.0.0.1', body: { login: 'jane' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, headers: { 'Retry-After': '17' }, details: { retryAfterSeconds: 17 } });
  });
});
