import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { AccountCode, CodePurpose } from './entities/account-code.entity';

export const CODE_LIFETIME_MINUTES = 10;
export const MAX_FAILED_ATTEMPTS = 5;
export const RESEND_INTERVAL_SECONDS = 60;

/** A code of this purpose was issued to the account less than RESEND_INTERVAL_SECONDS ago. */
export class CodeSentRecentlyError extends Error {
  constructor() {
    super(`A code was sent less than ${RESEND_INTERVAL_SECONDS} s ago`);
  }
}

/**
 * The 6-digit codes e-mailed for verification and password reset (R-AUTH-1, R-AUTH-4). Stored as an
 * HMAC keyed by the server secret: a leaked table does not reveal codes, and a million candidates
 * cannot be tried offline without the key.
 */
@Injectable()
export class AccountCodeService {
  private readonly secret: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secret = config.get('auth', { infer: true }).jwtSecret;
  }

  private digest(userId: string, purpose: CodePurpose, code: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${userId}:${code}`).digest('hex');
  }

  /**
   * Replaces the account's code for this purpose with a fresh one — at most once a minute, checked in
   * the upsert itself so two racing resends cannot both pass; a second one throws CodeSentRecentlyError.
   */
  async issue(userId: string, purpose: CodePurpose, manager: EntityManager): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const rows: unknown[] = await manager.query(
      `INSERT INTO account_codes (user_id, purpose, code_hash, expires_at, failed_attempts, created_at)
       VALUES ($1, $2, $3, $4, 0, $5)
       ON CONFLICT (user_id, purpose) DO UPDATE
         SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, failed_attempts = 0, created_at = EXCLUDED.created_at
         WHERE account_codes.created_at <= $5::timestamptz - make_interval(secs => $6)
       RETURNING id`,
      [userId, purpose, this.digest(userId, purpose, code), new Date(now.getTime() + CODE_LIFETIME_MINUTES * 60_000), now, RESEND_INTERVAL_SECONDS],
    );
    if (rows.length === 0) throw new CodeSentRecentlyError();
    return code;
  }

  /**
   * Uses up the code when it matches. A wrong code counts against the code and the fifth wrong try
   * voids it; the count is committed in a transaction of its own (the row locked, so concurrent guesses
   * are counted one by one) before the error is thrown.
   */
  async consume(userId: string, purpose: CodePurpose, code: string): Promise<void> {
    const matched = await this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOne(AccountCode, { where: { userId, purpose }, lock: { mode: 'pessimistic_write' } });
      if (!stored || stored.expiresAt <= this.clock.now() || stored.failedAttempts >= MAX_FAILED_ATTEMPTS) return false;
      const expected = Buffer.from(stored.codeHash, 'hex');
      const given = Buffer.from(this.digest(userId, purpose, code), 'hex');
      if (!timingSafeEqual(expected, given)) {
        await manager.increment(AccountCode, { id: stored.id }, 'failedAttempts', 1);
        return false;
      }
      await manager.delete(AccountCode, { id: stored.id });
      return true;
    });
    if (!matched) throw new DomainError('INVALID_CODE');
  }
}
