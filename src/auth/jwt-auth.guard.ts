import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { IS_PUBLIC } from '../common/decorators/public.decorator';
import { DomainError } from '../common/errors/domain-error';
import { accessTokenOf, VerifiedAccessTokens } from './verified-access-tokens';

/**
 * Global guard: every route needs a valid access token unless marked @Public(). A token this process
 * verified before (and that has neither expired nor lost its account) is accepted without going through
 * Passport again; any other goes through the `jwt` strategy, which decides and remembers it.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifiedTokens: VerifiedAccessTokens,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = accessTokenOf(request);
    const known = token ? this.verifiedTokens.recall(token) : undefined;
    if (known) {
      request.user = known;
      return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new DomainError('UNAUTHORIZED', 'A valid access token is required');
    return user;
  }
}
