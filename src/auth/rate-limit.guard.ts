import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { RateLimitService } from './rate-limit.service';

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
  constructor(private readonly limiter: RateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const account = accountOf(request.body);
    const buckets = [`auth:client:${request.ip ?? 'unknown'}`, ...(account ? [`auth:account:${account}`] : [])];
    const verdict = await this.limiter.hit(buckets);
    if (!verdict.allowed) throw DomainError.rateLimited(verdict.retryAfterSeconds);
    return true;
  }
}

export const AuthRateLimited = () =>
  applyDecorators(
    UseGuards(AuthRateLimitGuard),
    ApiResponse({ status: 429, description: 'Too many attempts; see the Retry-After header', type: ErrorBodyDto }),
  );
