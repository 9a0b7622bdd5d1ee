import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { DisabledUsersStore } from '../users/disabled-users.store';
import { AccessClaims } from './token.service';
import { accessTokenOf, VerifiedAccessTokens } from './verified-access-tokens';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly disabledUsers: DisabledUsersStore,
    private readonly verifiedTokens: VerifiedAccessTokens,
  ) {
    super({
      jwtFromRequest: accessTokenOf,
      passReqToCallback: true,
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on
      // every verification, which costs about 100 times the HMAC itself.
      secretOrKey: createSecretKey(Buffer.from(config.get('auth', { infer: true }).jwtSecret)) as unknown as string,
      // Only our own algorithm: a token saying `alg: none` or RS256 is refused before any key is used.
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(request: Request, claims: AccessClaims & { aud?: unknown; exp?: unknown }): AuthUser {
    // Tokens minted for one purpose (the queue dashboard's cookie carries an audience) are not access tokens.
    if (claims.aud !== undefined) throw new DomainError('UNAUTHORIZED', 'A valid access token is required');
    if (this.disabledUsers.isDisabled(claims.sub)) throw new DomainError('ACCOUNT_DISABLED');
    const user = { id: claims.sub, role: claims.role as Role };
    const token = accessTokenOf(request);
    // Every access token we issue expires; one that does not is checked in full each time.
    if (token && typeof claims.exp === 'number') this.verifiedTokens.remember(token, user, claims.exp);
    return user;
  }
}
