import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../common/decorators/roles.decorator';
import { Public } from '../common/decorators/public.decorator';
import { DomainError } from '../common/errors/domain-error';
import type { DisabledUsersStore } from '../users/disabled-users.store';
import { JwtAuthGuard } from './jwt-auth.guard';
import { VerifiedAccessTokens } from './verified-access-tokens';

class HealthController {
  @Public()
  check() {}
}

describe('JwtAuthGuard', () => {
  const verifiedTokens = new VerifiedAccessTokens({ isDisabled: () => false } as unknown as DisabledUsersStore);
  const guard = new JwtAuthGuard(new Reflector(), verifiedTokens);
  const user = { id: 'u1', role: 'user' };

  it('returns the user of a valid token', () => {
    expect(guard.handleRequest(null, user)).toBe(user);
  });

  it('passes a DomainError through unchanged', () => {
    const disabled = new DomainError('ACCOUNT_DISABLED');
    expect(() => guard.handleRequest(disabled, false)).toThrow(disabled);
  });

  it.each([
    ['an error', new Error('jwt expired'), user],
    ['no user', null, false],
    ['an error and no user', new Error('invalid signature'), false],
  ])('turns %s into UNAUTHORIZED', (_case, error, found) => {
    let thrown: unknown;
    try {
      guard.handleRequest(error, found);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: 'A valid access token is required' });
  });

  it('lets a @Public() route through without a token', () => {
    const context = { getHandler: () => HealthController.prototype.check, getClass: () => HealthController } as unknown as ExecutionContext;
    expect(guard.canActivate(context)).toBe(true);
  });

  it('accepts a token verified before without asking Passport, and gives the request its account', async () => {
    const remembered = { id: 'u2', role: Role.User };
    verifiedTokens.remember('header.payload.signature', remembered, Date.now() / 1000 + 60);
    const request = { headers: { authorization: 'Bearer header.payload.signature' } } as { headers: Record<string, string>; user?: unknown };
    const context = {
      getHandler: () => LotsController.prototype.list,
      getClass: () => LotsController,
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
    } as unknown as ExecutionContext;
    expect(await guard.canActivate(context)).toBe(true);
    expect(request.user).toEqual(remembered);

    // Any other token goes through Passport, which has no strategy in this test and so refuses it.
    request.headers.authorization = 'Bearer header.payload.other';
    delete request.user;
    await expect(Promise.resolve().then(() => guard.canActivate(context))).rejects.toThrow();
    expect(request.user).toBeUndefined();
  });
});

class LotsController {
  list() {}
}
