import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DomainError } from '../common/errors/domain-error';
import { AccountLimitMode, AuthRateLimited, AuthRateLimitGuard, OverAccountLimit } from './rate-limit.guard';
import { RateLimitService, RateLimitVerdict } from './rate-limit.service';

const ALLOWED: RateLimitVerdict = { allowed: true, retryAfterSeconds: 0 };

/** A route decorated as the controllers do it, and the value its @OverAccountLimit() parameter would get. */
function route(perAccount?: AccountLimitMode) {
  class Routes {
    @AuthRateLimited(perAccount ? { perAccount } : undefined)
    handle(@OverAccountLimit() _overLimit: boolean) {}
  }
  const [{ factory }] = Object.values(Reflect.getMetadata(ROUTE_ARGS_METADATA, Routes, 'handle') as Record<string, { factory: (data: unknown, context: ExecutionContext) => boolean }>);
  return { handler: Routes.prototype.handle, overLimitOf: factory };
}

function setup(verdict: RateLimitVerdict = ALLOWED, perAccount?: AccountLimitMode) {
  const limiter = { hit: jest.fn().mockResolvedValue(verdict) };
  const guard = new AuthRateLimitGuard(limiter as unknown as RateLimitService, new Reflector());
  const { handler, overLimitOf } = route(perAccount);
  const contextOf = (request: object) =>
    ({ switchToHttp: () => ({ getRequest: () => request }), getHandler: () => handler }) as unknown as ExecutionContext;
  const run = (request: { ip?: string; body?: unknown }) => guard.canActivate(contextOf(request));
  const overLimit = (request: object) => overLimitOf(undefined, contextOf(request));
  return { limiter, run, overLimit };
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

  describe("with perAccount: 'silent' (forgot-password, resend-code)", () => {
    const over: RateLimitVerdict = { allowed: false, retryAfterSeconds: 30 };

    it('counts the client and the account apart', async () => {
      const { limiter, run } = setup(ALLOWED, 'silent');
      await expect(run({ ip: '10.0.0.1', body: { email: 'Jane@Example.com' } })).resolves.toBe(true);
      expect(limiter.hit.mock.calls).toEqual([[['auth:client:10.0.0.1']], [['auth:account:jane@example.com']]]);
    });

    it("lets a request over the account's limit through, marked, instead of answering 429", async () => {
      const { limiter, run, overLimit } = setup(ALLOWED, 'silent');
      limiter.hit.mockImplementation(async ([bucket]: string[]) => (bucket?.startsWith('auth:account:') ? over : ALLOWED));
      const limited = { ip: '10.0.0.1', body: { email: 'jane@example.com' } };
      await expect(run(limited)).resolves.toBe(true);
      expect(overLimit(limited)).toBe(true);
      const fresh = { ip: '10.0.0.1', body: { email: 'other@example.com' } };
      limiter.hit.mockResolvedValue(ALLOWED);
      await run(fresh);
      expect(overLimit(fresh)).toBe(false);
    });

    it("still answers 429 over the client's limit", async () => {
      const { limiter, run } = setup(ALLOWED, 'silent');
      limiter.hit.mockImplementation(async ([bucket]: string[]) => (bucket?.startsWith('auth:client:') ? over : ALLOWED));
      await expect(run({ ip: '10.0.0.1', body: { email: 'jane@example.com' } })).rejects.toMatchObject({ code: 'RATE_LIMITED', headers: { 'Retry-After': '30' } });
    });
  });
});
