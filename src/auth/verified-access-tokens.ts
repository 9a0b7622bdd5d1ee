import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ExtractJwt } from 'passport-jwt';
import { setNewest } from '../common/bounded-map';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DisabledUsersStore } from '../users/disabled-users.store';

/** Where a request carries its access token: `Authorization: Bearer <token>`. */
export const accessTokenOf: (request: Request) => string | null = ExtractJwt.fromAuthHeaderAsBearerToken();

/** How many tokens a process remembers; past that the oldest is forgotten and verified again when it returns. */
const REMEMBERED_TOKENS = 10_000;

interface VerifiedToken {
  user: AuthUser;
  /** When the token expires (epoch ms), from its `exp` claim. */
  expiresAt: number;
}

/**
 * The access tokens this process has verified lately, and whose they are. A client sends the same token
 * with every request until it expires, and verifying it again (Passport's strategy around a JWT signature
 * check) cost more than a cached lot list itself. A remembered token is only trusted until its `exp`,
 * and never for a deactivated account: that is asked again on every request, as Passport's strategy does.
 * The key is the whole token as sent, so only the exact bytes that passed the signature check match.
 */
@Injectable()
export class VerifiedAccessTokens {
  /** Oldest first (a Map keeps insertion order). */
  private readonly tokens = new Map<string, VerifiedToken>();

  constructor(private readonly disabledUsers: DisabledUsersStore) {}

  /** Called by the strategy once a token passed every check. */
  remember(token: string, user: AuthUser, expiresAtSeconds: number): void {
    setNewest(this.tokens, token, { user: Object.freeze({ ...user }), expiresAt: expiresAtSeconds * 1000 }, REMEMBERED_TOKENS);
  }

  /** The account of a token verified before, or undefined when it must go through the strategy again. */
  recall(token: string): AuthUser | undefined {
    const known = this.tokens.get(token);
    if (!known) return undefined;
    if (Date.now() >= known.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    // The strategy turns this into ACCOUNT_DISABLED; a reactivated account is remembered again.
    if (this.disabledUsers.isDisabled(known.user.id)) return undefined;
    return known.user;
  }
}
