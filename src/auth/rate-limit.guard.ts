import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { DomainError } from '../common/errors/domain-error';
import { RateLimitService } from './rate-limit.service';

/**
 * What a route does when an account's own limit is hit: `refuse` answers 429; `silent` lets the request
 * through marked as over the limit, for routes whose answer must not depend on whether the account exists.
 */
export type AccountLimitMode = 'refuse' | 'silent';

const ACCOUNT_LIMIT_MODE = 'authAccountLimitMode';

/** Requests let through over their account's limit by a `silent` route. */
const overAccountLimit = new WeakSet<Request>();

/** The account a request is about: the e-mail or login in its body, case-folded. */
function accountOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { email, login } = body as Record<string, unknown>;
  const value = typeof email === 'string' ? email : typeof login === 'string' ? login : undefined;
  return value?.trim().toLowerCase() || undefined;
}

/** Limits a route per client address and per account; over the limit → 429 with Retry-After. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimitService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const account = accountOf(request.body);
    const clientBucket = `auth:client:${request.ip ?? 'unknown'}`;
    const accountBucket = account ? [`auth:account:${account}`] : [];
    if (this.reflector.get<AccountLimitMode>(ACCOUNT_LIMIT_MODE, context.getHandler()) !== 'silent') {
      const verdict = await this.limiter.hit([clientBucket, ...accountBucket]);
      if (!verdict.allowed) throw DomainError.rateLimited(verdict.retryAfterSeconds);
      return true;
    }
    // Counted apart: only the client's limit may answer 429; the account's marks the request instead.
    const [byClient, byAccount] = await Promise.all([this.limiter.hit([clientBucket]), this.limiter.hit(accountBucket)]);
    if (!byClient.allowed) throw DomainError.rateLimited(byClient.retryAfterSeconds);
    if (!byAccount.allowed) overAccountLimit.add(request);
    return true;
  }
}

export const AuthRateLimited = ({ perAccount = 'refuse' }: { perAccount?: AccountLimitMode } = {}) =>
  applyDecorators(SetMetadata(ACCOUNT_LIMIT_MODE, perAccount), UseGuards(AuthRateLimitGuard), ApiErrors('RATE_LIMITED'));

/** True when a `silent` route let this request through over its account's limit. */
export const OverAccountLimit = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  overAccountLimit.has(context.switchToHttp().getRequest<Request>()),
);
