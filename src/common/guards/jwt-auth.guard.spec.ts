import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '../decorators/public.decorator';
import { DomainError } from '../errors/domain-error';
import { JwtAuthGuard } from './jwt-auth.guard';

class HealthController {
  @Public()
  check() {}
}

describe('JwtAuthGuard', () => {
  const guard = new JwtAuthGuard(new Reflector());
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
});
