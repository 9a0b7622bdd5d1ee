import { randomUUID } from 'node:crypto';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';

/** What is cached; each namespace is invalidated as a whole by the writes that change it (R-CACHE-1). */
export type CacheNamespace = 'lots' | 'availability' | 'stats';

/**
 * With Redis down, commands fail at once (the client keeps no offline queue); this bound is only for a
 * Redis that is connected but hung. It is generous on purpose: a busy event loop delays the answer and
 * the timer alike, and a short bound would turn cache hits into database reads exactly under load.
 */
const CACHE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`cache did not answer in ${CACHE_TIMEOUT_MS} ms`)), CACHE_TIMEOUT_MS).unref()),
  ]);
}

/**
 * Read-through cache with versioned namespaces. Invalidation bumps the namespace's version instead of
 * hunting keys: entries of older versions are never read again and expire by TTL. The version is bumped
 * after the write commits and before the writer answers, so a client never reads data older than its
 * own last write. Every failure of Redis degrades to computing the value.
 */
@Injectable()
export class AppCacheService {
  private readonly logger = new Logger(AppCacheService.name);

  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async getOrSet<T>(namespace: CacheNamespace, key: string, compute: () => Promise<T>): Promise<T> {
    let entryKey: string | undefined;
    try {
      const version = (await withTimeout(this.cache.get<string>(this.versionKey(namespace)))) ?? 'initial';
      entryKey = `${namespace}:${version}:${key}`;
      const cached = await withTimeout(this.cache.get<T>(entryKey));
      if (cached !== undefined && cached !== null) return cached;
    } catch (error) {
      this.warn(error);
      return compute();
    }
    const value = await compute();
    withTimeout(this.cache.set(entryKey, value)).catch((error: unknown) => this.warn(error));
    return value;
  }

  /** Makes every cached entry of these namespaces stale. Never throws: a failed bump is logged. */
  async invalidate(...namespaces: CacheNamespace[]): Promise<void> {
    try {
      // Fresh random versions (two bumps in one millisecond must still differ), in one round trip; they
      // never expire, since a lost version would bring back entries of an older one.
      await withTimeout(this.cache.mset(namespaces.map((namespace) => ({ key: this.versionKey(namespace), value: randomUUID(), ttl: 0 }))));
    } catch (error) {
      this.warn(error);
    }
  }

  private versionKey(namespace: CacheNamespace): string {
    return `${namespace}:version`;
  }

  private warn(error: unknown): void {
    this.logger.warn(`Cache unavailable, reading from the database: ${(error as Error).message}`);
  }
}
