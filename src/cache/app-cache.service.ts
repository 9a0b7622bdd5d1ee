import { randomUUID } from 'node:crypto';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Cache } from 'cache-manager';
import Redis from 'ioredis';
import { setNewest } from '../common/bounded-map';
import { perTurnBatch } from '../common/per-turn-batch';
import { AppConfig } from '../config/app-config';
import { RedisChannels } from '../redis/redis-channels';
import { REDIS } from '../redis/redis.token';

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

/** Where a process announces which namespaces it invalidated. */
const INVALIDATIONS_CHANNEL = 'cache:invalidated';

/** How many entries a process keeps in memory besides Redis; the least recently used goes first. */
const LOCAL_ENTRIES = 500;

/** An entry remembers the namespace version it was computed under, and when it lapses (epoch ms). */
interface CacheEntry<T> {
  version: string;
  value: T;
  expiresAt: number;
}

/**
 * Read-through cache with versioned namespaces. Invalidation bumps the namespace's version instead of
 * hunting keys; an entry is served only while it carries the current version. The version is bumped after
 * the write commits and before the writer answers, so a client never reads data older than its own last
 * write. An entry is tagged with the version read before it was computed: a write during the computation
 * leaves it stale, never wrongly fresh. Concurrent misses of one key and version in this process share one
 * computation. Every failure of Redis degrades to computing the value.
 *
 * Each process keeps the entries it used lately in memory, and the current versions too, so a hit
 * usually costs no round trip to Redis at all. A remembered version is only trusted while this process
 * hears the invalidations channel: every invalidation is announced there before the writer answers
 * (Redis hands a message to every subscriber before it answers the PUBLISH), and hearing one makes the
 * process forget the versions of those namespaces and read them from Redis again. A version read from
 * Redis is only remembered when no announcement arrived while it was read, since it might predate it; an
 * announcement arriving late costs one more read, never a stale answer. While the channel is down every
 * call reads the version from Redis. Entries in memory never outlive their TTL. Callers share the value
 * of a hit, so they must not change it.
 */
@Injectable()
export class AppCacheService {
  private readonly logger = new Logger(AppCacheService.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Most recently used last (a Map keeps insertion order). */
  private readonly local = new Map<string, CacheEntry<unknown>>();
  private readonly knownVersions = new Map<CacheNamespace, string>();
  /** Counts what makes remembered versions doubtful: announcements, and each gain or loss of the channel. */
  private announcements = 0;
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly channels: RedisChannels,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = config.get('cache', { infer: true }).ttlSeconds * 1000;
    const forgetAll = () => this.forget(...this.knownVersions.keys());
    channels.listen(INVALIDATIONS_CHANNEL, {
      message: (payload) => this.forget(...(payload.split(',') as CacheNamespace[])),
      connected: forgetAll,
      disconnected: forgetAll,
    });
  }

  async getOrSet<T>(namespace: CacheNamespace, key: string, compute: () => Promise<T>): Promise<T> {
    const entryKey = `${namespace}:entry:${key}`;
    let version: string;
    try {
      version = await this.currentVersion(namespace);
      const kept = this.local.get(entryKey) as CacheEntry<T> | undefined;
      if (kept?.version === version && kept.expiresAt > Date.now()) return this.keep(entryKey, kept).value;
      const stored = await withTimeout(this.cache.get<CacheEntry<T>>(entryKey));
      if (stored?.version === version) return this.keep(entryKey, stored).value;
    } catch (error) {
      this.warn(error);
      return compute();
    }
    return this.computeOnce(`${entryKey}@${version}`, async () => {
      const computed: CacheEntry<T> = { version, value: await compute(), expiresAt: Date.now() + this.ttlMs };
      this.keep(entryKey, computed);
      withTimeout(this.cache.set<CacheEntry<T>>(entryKey, computed)).catch((error: unknown) => this.warn(error));
      return computed.value;
    });
  }

  /**
   * Makes every cached entry of these namespaces stale, in every process. Never throws: a failure is logged.
   * Resolves once a bump made after the caller's own write is in Redis. The invalidations of one turn of
   * the event loop go out as one write (perTurnBatch): under load many requests end their database writes
   * in the same turn, and each would otherwise cost a round trip and an announcement that every process,
   * this one included, has to read.
   */
  invalidate(...namespaces: CacheNamespace[]): Promise<void> {
    return this.invalidateInBatch(namespaces);
  }

  private readonly invalidateInBatch = perTurnBatch<CacheNamespace[], void>(async (asked) => {
    await this.writeInvalidation([...new Set(asked.flat())]);
    return [];
  });

  private async writeInvalidation(namespaces: CacheNamespace[]): Promise<void> {
    try {
      // Fresh random versions (two bumps in one millisecond must still differ), written with their
      // announcement in one round trip; they never expire, since a lost version would bring back entries
      // of an older one.
      const versions = namespaces.flatMap((namespace) => [this.versionKey(namespace), randomUUID()]);
      await withTimeout(this.channels.publish(INVALIDATIONS_CHANNEL, namespaces.join(','), (transaction) => transaction.mset(...versions)));
    } catch (error) {
      this.warn(error);
    } finally {
      this.forget(...namespaces);
    }
  }

  private async currentVersion(namespace: CacheNamespace): Promise<string> {
    const known = this.channels.live ? this.knownVersions.get(namespace) : undefined;
    if (known !== undefined) return known;
    const announcementsBefore = this.announcements;
    const version = (await withTimeout(this.redis.get(this.versionKey(namespace)))) ?? 'initial';
    if (this.channels.live && this.announcements === announcementsBefore) this.knownVersions.set(namespace, version);
    return version;
  }

  private forget(...namespaces: CacheNamespace[]): void {
    this.announcements++;
    for (const namespace of namespaces) this.knownVersions.delete(namespace);
  }

  /** Remembers (or refreshes) an entry in memory; entries without a lapse time are not kept. */
  private keep<T>(entryKey: string, entry: CacheEntry<T>): CacheEntry<T> {
    if (entry.expiresAt > Date.now()) setNewest(this.local, entryKey, entry, LOCAL_ENTRIES);
    else this.local.delete(entryKey);
    return entry;
  }

  /** A burst of misses (e.g. right after a booking bumped the version) runs the query once, not once per request. */
  private computeOnce<T>(flightKey: string, compute: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(flightKey) as Promise<T> | undefined;
    if (running) return running;
    const flight = compute().finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  /** Versions are plain Redis strings beside the cache (not cache-manager entries), so a bump can ride with its announcement. */
  private versionKey(namespace: CacheNamespace): string {
    return `cache-version:${namespace}`;
  }

  private warn(error: unknown): void {
    this.logger.warn(`Cache unavailable, reading from the database: ${(error as Error).message}`);
  }
}
