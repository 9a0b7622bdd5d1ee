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

/**
 * What cached answers depend on (R-CACHE-1). A write invalidates the namespaces it changed, and every answer
 * that depends on one of them goes stale:
 * - `lot:<id>`: one lot — the lot, its spot pages and its availability;
 * - `lot-lists`: the pages listing lots (each shows every listed lot's counts and rating);
 * - `lots` and `availability`: every lot's reads, or every lot's availability, at once (writes that touch
 *   many lots);
 * - `stats`: the dashboards.
 */
export type CacheNamespace = 'lots' | 'lot-lists' | 'availability' | 'stats' | `lot:${string}`;

/** The namespaces a cached answer depends on: it is served only while none of them was invalidated. */
export type CacheScope = CacheNamespace | readonly CacheNamespace[];

const lotNamespace = (lotId: string): CacheNamespace => `lot:${lotId}`;

/** The scopes of the lot reads, so that a booking in one lot leaves the other lots' answers cached. */
export const lotCacheScopes = {
  lists: ['lots', 'lot-lists'],
  lot: (lotId: string): CacheScope => ['lots', lotNamespace(lotId)],
  availability: (lotId: string): CacheScope => ['availability', lotNamespace(lotId)],
} as const;

/**
 * The namespace every answer depends on besides its own: bumped to drop every cached answer at once when
 * this process may have missed an invalidation (see `doubts`).
 */
const EVERYTHING = '*';

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

/** How many namespace versions a process remembers (one per lot read lately, and a few more). */
const KNOWN_VERSIONS = 5000;

/** An entry remembers the namespace version it was computed under, and when it lapses (epoch ms). */
interface CacheEntry<T> {
  version: string;
  value: T;
  expiresAt: number;
}

/**
 * Read-through cache with versioned namespaces. Invalidation bumps the namespace's version instead of
 * hunting keys; an entry is served only while it carries the current versions of every namespace it depends
 * on. The version is bumped after the write commits and before the writer answers, so a client never reads
 * data older than its own last write. An entry is tagged with the versions read before it was computed: a
 * write during the computation leaves it stale, never wrongly fresh. Concurrent misses of one key and
 * version in this process share one computation. Every failure of Redis degrades to computing the value.
 *
 * Each process keeps the entries it used lately in memory, and the current versions too, so a hit
 * usually costs no round trip to Redis at all. A remembered version is only trusted while this process
 * hears the invalidations channel: every invalidation is announced there before the writer answers
 * (Redis hands a message to every subscriber before it answers the PUBLISH), and hearing one makes the
 * process forget the versions of those namespaces and read them from Redis again. A version read from
 * Redis is only remembered when no announcement arrived while it was read, since it might predate it; an
 * announcement arriving late costs one more read, never a stale answer. While the channel is down every
 * call reads the versions from Redis. Entries in memory never outlive their TTL. Callers share the value
 * of a hit, so they must not change it.
 *
 * After an outage (R-ROB-3) the cache may hold answers older than writes it never heard of: this process's
 * own invalidations that failed, and, while its channel was down, any other process's. Redis may come
 * back with those entries and their versions intact. So each such doubt makes the process bypass the cache
 * until it has bumped the version every entry depends on (EVERYTHING) — once Redis answers again, before
 * it serves anything cached. Every process that lost the channel does the same, so one whose writes failed
 * and that died before Redis came back is covered by the others.
 */
@Injectable()
export class AppCacheService {
  private readonly logger = new Logger(AppCacheService.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Most recently used last (a Map keeps insertion order). */
  private readonly local = new Map<string, CacheEntry<unknown>>();
  private readonly knownVersions = new Map<string, string>();
  /** Counts what makes remembered versions doubtful: announcements, and each gain or loss of the channel. */
  private announcements = 0;
  /** Counts the moments this process may have missed an invalidation: a failed one, or a lost channel. */
  private doubts = 0;
  /** The doubts that a bump of EVERYTHING, made after them, has settled; the cache is bypassed until it catches up. */
  private settledDoubts = 0;
  private settling?: Promise<void>;
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly channels: RedisChannels,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = config.get('cache', { infer: true }).ttlSeconds * 1000;
    channels.listen(INVALIDATIONS_CHANNEL, {
      message: (payload) => this.forget(...payload.split(',')),
      connected: () => {
        this.forget(...this.knownVersions.keys());
        return this.settleDoubts();
      },
      disconnected: () => {
        // Announcements published from now on are missed: neither the versions nor the entries in memory can be trusted.
        this.doubts++;
        this.forget(...this.knownVersions.keys());
        this.local.clear();
      },
    });
  }

  async getOrSet<T>(scope: CacheScope, key: string, compute: () => Promise<T>): Promise<T> {
    if (this.doubtful) {
      void this.settleDoubts();
      return compute();
    }
    const namespaces = typeof scope === 'string' ? [scope] : scope;
    const entryKey = `${namespaces.join('+')}:entry:${key}`;
    let version: string;
    try {
      version = await this.currentVersion(namespaces);
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
   * Makes every cached entry of these namespaces stale, in every process. Never throws: a failure is logged
   * (and settled once Redis answers again). Resolves once a bump made after the caller's own write is in
   * Redis. The invalidations of one turn of the event loop go out as one write (perTurnBatch): under load
   * many requests end their database writes in the same turn, and each would otherwise cost a round trip
   * and an announcement that every process, this one included, has to read.
   */
  invalidate(...namespaces: CacheNamespace[]): Promise<void> {
    return this.invalidateInBatch(namespaces);
  }

  /**
   * After a write in one lot (a booking, a review, the lot itself): that lot's reads and availability, the
   * lot lists (they show its counts) and the stats. Other lots' answers stay cached.
   */
  invalidateLot(lotId: string): Promise<void> {
    return this.invalidate('lot-lists', lotNamespace(lotId), 'stats');
  }

  private readonly invalidateInBatch = perTurnBatch<CacheNamespace[], void>(async (asked) => {
    if (!(await this.writeInvalidation([...new Set(asked.flat())]))) this.doubts++;
    return [];
  });

  /** Whether the bump reached Redis. */
  private async writeInvalidation(namespaces: string[]): Promise<boolean> {
    try {
      // Fresh random versions (two bumps in one millisecond must still differ), written with their
      // announcement in one round trip; they never expire, since a lost version would bring back entries
      // of an older one.
      const versions = namespaces.flatMap((namespace) => [this.versionKey(namespace), randomUUID()]);
      await withTimeout(this.channels.publish(INVALIDATIONS_CHANNEL, namespaces.join(','), (transaction) => transaction.mset(...versions)));
      return true;
    } catch (error) {
      this.warn(error);
      return false;
    } finally {
      this.forget(...namespaces);
    }
  }

  private get doubtful(): boolean {
    return this.settledDoubts !== this.doubts;
  }

  /** Drops every cached answer once Redis takes the bump; one attempt at a time, tried again on the next read while it fails. */
  private settleDoubts(): Promise<void> {
    if (!this.doubtful) return Promise.resolve();
    this.settling ??= (async () => {
      const doubts = this.doubts;
      if (await this.writeInvalidation([EVERYTHING])) this.settledDoubts = doubts;
    })().finally(() => (this.settling = undefined));
    return this.settling;
  }

  /** The versions of the namespaces, and of EVERYTHING, as one tag. */
  private async currentVersion(namespaces: readonly string[]): Promise<string> {
    const all = [EVERYTHING, ...namespaces];
    const known = this.channels.live ? all.map((namespace) => this.knownVersions.get(namespace)) : [];
    if (known.length && known.every((version) => version !== undefined)) return known.join('|');
    const announcementsBefore = this.announcements;
    const read = await withTimeout(this.redis.mget(all.map((namespace) => this.versionKey(namespace))));
    const versions = read.map((version) => version ?? 'initial');
    if (this.channels.live && this.announcements === announcementsBefore) {
      all.forEach((namespace, i) => setNewest(this.knownVersions, namespace, versions[i], KNOWN_VERSIONS));
    }
    return versions.join('|');
  }

  private forget(...namespaces: string[]): void {
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
  private versionKey(namespace: string): string {
    return `cache-version:${namespace}`;
  }

  private warn(error: unknown): void {
    this.logger.warn(`Cache unavailable, reading from the database: ${(error as Error).message}`);
  }
}
