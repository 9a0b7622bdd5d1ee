import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RedisChannels } from './redis-channels';
import { REDIS } from './redis.token';

export { REDIS };

/**
 * One shared ioredis connection for our own keys (rate limits, deactivated accounts, cache versions) and
 * the pub/sub channels that keep in-memory copies current (RedisChannels, on a second connection). It never
 * queues commands while disconnected, so a Redis outage makes callers fail fast and degrade instead of hanging.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const { url, prefix } = config.get('redis', { infer: true });
        return new Redis(url, {
          keyPrefix: `${prefix}:`,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          lazyConnect: false,
        });
      },
    },
    RedisChannels,
  ],
  exports: [REDIS, RedisChannels],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
