import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { durationMs } from '../config/duration';
import { RedisChannels } from '../redis/redis-channels';
import { REDIS } from '../redis/redis.token';

const CHANNEL = 'disabled-users:changed';

/**
 * Access tokens are stateless, so a deactivation would otherwise only bite when the token expires.
 * Deactivated ids are kept in a Redis sorted set for one access-token lifetime (the score is when the
 * entry lapses): after that every token issued before the deactivation has expired, and login and
 * refresh check the database themselves.
 *
 * Every request with a token asks whether its account is deactivated, so each process keeps a copy of
 * the set in memory and the question costs no round trip to Redis. A change is published on a channel;
 * every process then reads the whole set again (it only holds accounts deactivated within one token
 * lifetime, so it is small). Reading it again, instead of applying the message, keeps the copy equal to
 * Redis whatever the order of messages and reads; a read on every (re)subscription catches up on what
 * was published while a process was cut off, and meanwhile the last copy stays in force. The process that
 * makes a change applies it to its own copy at once, so its next request already sees it.
 */
@Injectable()
export class DisabledUsersStore {
  private readonly logger = new Logger(DisabledUsersStore.name);
  private readonly ttlMs: number;
  private readonly setKey = 'disabled-users';
  /** Account id → when its entry lapses (epoch ms). */
  private disabledUntil = new Map<string, number>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly channels: RedisChannels,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = durationMs(config.get('auth', { infer: true }).accessTtl);
    channels.listen(CHANNEL, { message: () => void this.reload(), connected: () => this.reload(), disconnected: () => undefined });
  }

  async markDisabled(userId: string): Promise<void> {
    const until = Date.now() + this.ttlMs;
    await this.degradeGracefully(async () => {
      await this.channels.publish(CHANNEL, userId, (transaction) =>
        transaction.zadd(this.setKey, until, userId).zremrangebyscore(this.setKey, '-inf', Date.now()).pexpire(this.setKey, this.ttlMs),
      );
    });
    this.disabledUntil.set(userId, until);
  }

  async clear(userId: string): Promise<void> {
    await this.degradeGracefully(async () => {
      await this.channels.publish(CHANNEL, userId, (transaction) => transaction.zrem(this.setKey, userId));
    });
    this.disabledUntil.delete(userId);
  }

  isDisabled(userId: string): boolean {
    const until = this.disabledUntil.get(userId);
    return until !== undefined && until > Date.now();
  }

  /**
   * Replaces the copy with the set as Redis holds it now. Reads share one connection, so their answers
   * come back in the order they were sent: the last one applied is always the newest.
   */
  private async reload(): Promise<void> {
    await this.degradeGracefully(async () => {
      const entries = await this.redis.zrangebyscore(this.setKey, Date.now(), '+inf', 'WITHSCORES');
      const copy = new Map<string, number>();
      for (let i = 0; i < entries.length; i += 2) copy.set(entries[i], Number(entries[i + 1]));
      this.disabledUntil = copy;
    });
  }

  /**
   * With Redis down the account flag in the database still rules login, refresh and booking; only
   * the immediate cut-off of already issued access tokens in other processes is lost, so we log and go on.
   */
  private async degradeGracefully(operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      this.logger.warn(`Deactivated-account list unavailable: ${(error as Error).message}`);
    }
  }
}
