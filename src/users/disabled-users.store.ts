import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { durationMs } from '../config/duration';
import { REDIS } from '../redis/redis.module';

/**
 * Access tokens are stateless, so a deactivation would otherwise only bite when the token expires.
 * Deactivated ids are kept in Redis for one access-token lifetime: after that every token issued
 * before the deactivation has expired, and login and refresh check the database themselves.
 */
@Injectable()
export class DisabledUsersStore {
  private readonly logger = new Logger(DisabledUsersStore.name);
  private readonly ttlMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = durationMs(config.get('auth', { infer: true }).accessTtl);
  }

  private key(userId: string): string {
    return `disabled-user:${userId}`;
  }

  markDisabled(userId: string): Promise<void> {
    return this.degradeGracefully(async () => void (await this.redis.set(this.key(userId), '1', 'PX', this.ttlMs)), undefined);
  }

  clear(userId: string): Promise<void> {
    return this.degradeGracefully(async () => void (await this.redis.del(this.key(userId))), undefined);
  }

  isDisabled(userId: string): Promise<boolean> {
    return this.degradeGracefully(async () => (await this.redis.exists(this.key(userId))) === 1, false);
  }

  /**
   * With Redis down the account flag in the database still rules login, refresh and booking; only
   * the immediate cut-off of already issued access tokens is lost, so we log and go on.
   */
  private async degradeGracefully<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn(`Deactivated-account list unavailable: ${(error as Error).message}`);
      return fallback;
    }
  }
}
