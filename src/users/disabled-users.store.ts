import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { durationMs } from '../config/duration';
import { REDIS } from '../redis/redis.module';

/** How long start-up waits for the first copy of the list; with Redis down it goes on without one. */
const FIRST_LOAD_WAIT_MS = 2000;

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
 * Redis whatever the order of messages and reads; a read on every (re)connection catches up on what was
 * published while a process was cut off. The process that makes a change applies it to its own copy at
 * once, so its next request already sees it.
 */
@Injectable()
export class DisabledUsersStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DisabledUsersStore.name);
  private readonly ttlMs: number;
  private readonly setKey = 'disabled-users';
  /** Channel names are not prefixed by ioredis, so the deployment's prefix is added here. */
  private readonly channel: string;
  /** Account id → when its entry lapses (epoch ms). */
  private disabledUntil = new Map<string, number>();
  /** Only the newest read may replace the copy: an older one could miss a later change. */
  private readsStarted = 0;
  private readsApplied = 0;
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = durationMs(config.get('auth', { infer: true }).accessTtl);
    this.channel = `${config.get('redis', { infer: true }).prefix}:disabled-users:changed`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string) => {
      if (channel === this.channel) void this.reload();
    });
    // The client reconnects on its own; one warning per outage is enough.
    let outageReported = false;
    const firstLoad = new Promise<void>((resolve) => {
      subscriber.on('ready', () => {
        outageReported = false;
        subscriber
          .subscribe(this.channel)
          .then(() => this.reload())
          .catch((error: unknown) => this.warn(error))
          .finally(resolve);
      });
      subscriber.on('error', (error: Error) => {
        if (!outageReported) this.warn(error);
        outageReported = true;
        resolve();
      });
      setTimeout(resolve, FIRST_LOAD_WAIT_MS).unref();
    });
    await firstLoad;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async markDisabled(userId: string): Promise<void> {
    const until = Date.now() + this.ttlMs;
    await this.degradeGracefully(async () => {
      await this.redis.multi().zadd(this.setKey, until, userId).zremrangebyscore(this.setKey, '-inf', Date.now()).pexpire(this.setKey, this.ttlMs).exec();
      await this.redis.publish(this.channel, userId);
    });
    this.disabledUntil.set(userId, until);
  }

  async clear(userId: string): Promise<void> {
    await this.degradeGracefully(async () => {
      await this.redis.zrem(this.setKey, userId);
      await this.redis.publish(this.channel, userId);
    });
    this.disabledUntil.delete(userId);
  }

  isDisabled(userId: string): boolean {
    const until = this.disabledUntil.get(userId);
    return until !== undefined && until > Date.now();
  }

  /** Replaces the copy with the set as Redis holds it now. */
  private async reload(): Promise<void> {
    const read = ++this.readsStarted;
    await this.degradeGracefully(async () => {
      const entries = await this.redis.zrangebyscore(this.setKey, Date.now(), '+inf', 'WITHSCORES');
      if (read < this.readsApplied) return;
      this.readsApplied = read;
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
      this.warn(error);
    }
  }

  private warn(error: unknown): void {
    this.logger.warn(`Deactivated-account list unavailable: ${(error as Error).message}`);
  }
}
