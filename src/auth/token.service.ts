import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { durationMs } from '../config/duration';
import { User } from '../users/entities/user.entity';
import { RefreshToken } from './entities/refresh-token.entity';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface AccessClaims {
  sub: string;
  role: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Access JWTs and rotating refresh tokens with reuse detection (R-AUTH-2). */
@Injectable()
export class TokenService {
  private readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    const auth = config.get('auth', { infer: true });
    this.accessTtlMs = durationMs(auth.accessTtl);
    this.refreshTtlMs = durationMs(auth.refreshTtl);
  }

  /** Starts a new token family (a login). */
  issue(user: User, manager: EntityManager = this.dataSource.manager): Promise<IssuedTokens> {
    return this.issueInFamily(user, randomUUID(), manager);
  }

  /**
   * Exchanges a refresh token for a new pair. The presented token is locked, so of two racing refreshes
   * exactly one wins; the loser, like any replay of a rotated token, revokes the whole family.
   */
  async rotate(refreshToken: string, loadUser: (userId: string, manager: EntityManager) => Promise<User>): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (!stored || stored.expiresAt <= now) return { error: new DomainError('INVALID_REFRESH_TOKEN') };
      if (stored.revokedAt) {
        await this.revokeFamily(stored.familyId, manager);
        return { error: new DomainError('REFRESH_TOKEN_REUSED') };
      }
      await manager.update(RefreshToken, { id: stored.id }, { revokedAt: now });
      const user = await loadUser(stored.userId, manager);
      return { tokens: await this.issueInFamily(user, stored.familyId, manager) };
    });
    // Thrown after commit so the family revocation above is kept.
    if (outcome.error) throw outcome.error;
    return outcome.tokens;
  }

  /** Logout: ends the sign-in the token belongs to. Unknown tokens are ignored (logout is idempotent). */
  async revoke(refreshToken: string): Promise<void> {
    const stored = await this.dataSource.manager.findOneBy(RefreshToken, { tokenHash: sha256(refreshToken) });
    if (stored) await this.revokeFamily(stored.familyId, this.dataSource.manager);
  }

  async revokeAllOf(userId: string, manager: EntityManager): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async revokeFamily(familyId: string, manager: EntityManager): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async issueInFamily(user: User, familyId: string, manager: EntityManager): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.refreshTtlMs),
    });
    const claims: AccessClaims = { sub: user.id, role: user.role };
    const expiresIn = Math.floor(this.accessTtlMs / 1000);
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, refreshToken, expiresIn };
  }
}
