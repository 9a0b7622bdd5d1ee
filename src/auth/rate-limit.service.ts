import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

const WINDOW_MS = 60_000;

/** INCR and start the window on the first hit, atomically; returns [count, ms left in the window]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed one-minute windows counted in Redis, so every API process shares the same budget (R-AUTH-3).
 * With Redis down the limiter lets requests through: availability of login beats strictness, and
 * /api/health reports Redis as down.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);
  private readonly limit: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.limit = config.get('auth', { infer: true }).rateLimitPerMinute;
  }

  /** Counts one request against every bucket; refused when any bucket is over the limit. */
  async hit(buckets: string[]): Promise<RateLimitVerdict> {
    try {
      const results = await Promise.all(
        buckets.map((bucket) => this.redis.eval(HIT_SCRIPT, 1, `rate:${bucket}`, WINDOW_MS) as Promise<[number, number]>),
      );
      const over = results.filter(([count]) => count > this.limit);
      if (over.length === 0) return { allowed: true, retryAfterSeconds: 0 };
      const waitMs = Math.max(...over.map(([, ttl]) => (ttl > 0 ? ttl : WINDOW_MS)));
      return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    } catch (error) {
      this.logger.warn(`Rate limiting skipped, Redis unavailable: ${(error as Error).message}`);
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }
}
