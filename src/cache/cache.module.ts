import KeyvRedis from '@keyv/redis';
import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Keyv } from 'keyv';
import { AppConfig } from '../config/app-config';
import { AppCacheService } from './app-cache.service';

/**
 * cache-manager on Redis through Keyv (cache-manager-redis-store 3 ignores TTLs and fails on del/clear
 * with cache-manager 6+). The client never queues commands while disconnected, so with Redis down every
 * cache call fails at once and AppCacheService falls back to the database.
 */
@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const { url, prefix } = config.get('redis', { infer: true });
        const store = new KeyvRedis(
          { url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5000) } },
          { throwOnConnectError: false, throwOnErrors: true },
        );
        return {
          // Plain JSON: cached values are JSON DTOs, and Keyv's default codec (a reviver that restores
          // Buffers) made decoding the largest cost of a cache hit.
          stores: [new Keyv({ store, namespace: `${prefix}:cache`, useKeyPrefix: false, serialize: JSON.stringify, deserialize: JSON.parse })],
          ttl: config.get('cache', { infer: true }).ttlSeconds * 1000,
        };
      },
    }),
  ],
  providers: [AppCacheService],
  exports: [AppCacheService],
})
export class AppCacheModule {}
