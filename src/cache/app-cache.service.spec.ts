import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Cache } from 'cache-manager';
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { ChannelListener, RedisChannels } from '../redis/redis-channels';
import { AppCacheService, lotCacheScopes } from './app-cache.service';

/** The part of cache-manager the service uses, on a Map. */
function memoryCache() {
  const store = new Map<string, unknown>();
  const cache = {
    store,
    get: jest.fn(async (key: string) => store.get(key)),
    set: jest.fn(async (key: string, value: unknown) => void store.set(key, value)),
  };
  return cache;
}

/** The namespace versions, plain strings on the shared ioredis connection. */
function versionStore() {
  const versions = new Map<string, string>();
  return {
    versions,
    mget: jest.fn(async (keys: string[]) => keys.map((key) => versions.get(key) ?? null)),
    /** The commands an invalidation adds to the transaction of its announcement. */
    transaction: {
      mset: (...keysAndValues: string[]) => {
        for (let i = 0; i < keysAndValues.length; i += 2) versions.set(keysAndValues[i], keysAndValues[i + 1]);
      },
    },
  };
}

/** A computation the test finishes by hand, counting its runs. */
function deferredCompute<T>() {
  let finish!: (value: T) => void;
  const compute = jest.fn(() => new Promise<T>((resolve) => (finish = resolve)));
  return { compute, finish: (value: T) => finish(value) };
}

/** Redis pub/sub between the processes of a test: a message reaches every listener before publish resolves. */
function channelBus(redis: ReturnType<typeof versionStore>) {
  const listeners: ChannelListener[] = [];
  const bus = {
    live: true,
    listen: (_channel: string, listener: ChannelListener) => void listeners.push(listener),
    publish: jest.fn(async (_channel: string, payload: string, writes?: (transaction: ChainableCommander) => void) => {
      writes?.(redis.transaction as unknown as ChainableCommander);
      listeners.forEach((listener) => listener.message(payload));
    }),
    /** The subscription drops, or comes back, in every process. */
    setLive(live: boolean) {
      bus.live = live;
      listeners.forEach((listener) => (live ? listener.connected() : listener.disconnected()));
    },
  };
  return bus;
}

const TTL_SECONDS = 30;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('AppCacheService', () => {
  let cache: ReturnType<typeof memoryCache>;
  let redis: ReturnType<typeof versionStore>;
  let bus: ReturnType<typeof channelBus>;
  let service: AppCacheService;
  /** One process's cache service on the shared Redis. */
  const newProcess = () => {
    const config = { get: () => ({ ttlSeconds: TTL_SECONDS }) } as unknown as ConfigService<AppConfig, true>;
    return new AppCacheService(cache as unknown as Cache, redis as unknown as Redis, bus as unknown as RedisChannels, config);
  };

  beforeEach(() => {
    cache = memoryCache();
    redis = versionStore();
    bus = channelBus(redis);
    service = newProcess();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('computes on a miss; another process then reads the version and the entry from Redis', async () => {
    const compute = jest.fn(async () => ['lot A']);
    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    cache.get.mockClear();
    redis.mget.mockClear();

    expect(await newProcess().getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(redis.mget.mock.calls).toEqual([[['cache-version:*', 'cache-version:lots']]]);
    expect(cache.get.mock.calls).toEqual([['lots:entry:list']]);
  });

  it('serves a hit from memory without a round trip once the version is known', async () => {
    const compute = jest.fn(async () => ['lot A']);
    await service.getOrSet('lots', 'list', compute);
    cache.get.mockClear();
    redis.mget.mockClear();

    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.get).not.toHaveBeenCalled();
    expect(redis.mget).not.toHaveBeenCalled();
  });

  it('hears an invalidation made by another process and reads the new version', async () => {
    let lots = 1;
    const other = newProcess();
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(1);
    expect(await other.getOrSet('lots', 'count', async () => lots)).toBe(1);
    lots = 2;
    await other.invalidate('lots');
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);
    expect(await other.getOrSet('lots', 'count', async () => lots)).toBe(2);
  });

  it('does not remember a version read while an invalidation was announced', async () => {
    await service.getOrSet('lots', 'count', async () => 1);
    await newProcess().invalidate('lots');
    // The version read now is slow to come back, and another invalidation is announced meanwhile.
    let answer!: () => void;
    redis.mget.mockImplementationOnce((keys: string[]) => new Promise((resolve) => (answer = () => resolve(keys.map((key) => redis.versions.get(key) ?? null)))));
    const reading = service.getOrSet('lots', 'count', async () => 2);
    await nextTurn();
    await bus.publish('cache:invalidated', 'lots');
    answer();
    await reading;
    redis.mget.mockClear();

    await service.getOrSet('lots', 'count', async () => 3);
    expect(redis.mget).toHaveBeenCalledWith(['cache-version:*', 'cache-version:lots']);
  });

  it('reads the versions on every call while the channel is down, and trusts memory again once it is back', async () => {
    let lots = 1;
    await service.getOrSet('lots', 'count', async () => lots);
    bus.setLive(false);
    // Announcements may be missed from now on: the first read drops everything cached (see below), then
    // every read asks Redis for the versions.
    await service.getOrSet('lots', 'count', async () => lots);
    await nextTurn();
    redis.mget.mockClear();
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(1);
    expect(redis.mget).toHaveBeenCalledWith(['cache-version:*', 'cache-version:lots']);

    // Another process writes while this one hears nothing.
    lots = 2;
    redis.versions.set('cache-version:lots', 'changed meanwhile');
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);

    bus.setLive(true);
    await service.getOrSet('lots', 'count', async () => lots);
    redis.mget.mockClear();
    cache.get.mockClear();
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);
    expect(redis.mget).not.toHaveBeenCalled();
    expect(cache.get).not.toHaveBeenCalled();
  });

  it('does not serve the copy in memory past the TTL', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    let lots = 1;
    await service.getOrSet('lots', 'count', async () => lots);
    lots = 2;
    now.mockReturnValue(1_000_000 + TTL_SECONDS * 1000 - 1);
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(1);
    // Redis drops the entry at its TTL as well.
    cache.store.delete('lots:entry:count');
    now.mockReturnValue(1_000_000 + TTL_SECONDS * 1000);
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);
  });

  it('writes the new versions with their announcement, in one call', async () => {
    await service.invalidate('lots', 'stats');
    expect(bus.publish).toHaveBeenCalledTimes(1);
    expect(bus.publish).toHaveBeenCalledWith('cache:invalidated', 'lots,stats', expect.any(Function));
    const [lots, stats] = [redis.versions.get('cache-version:lots'), redis.versions.get('cache-version:stats')];
    expect(lots).toMatch(/^[0-9a-f-]{36}$/);
    expect(stats).toMatch(/^[0-9a-f-]{36}$/);
    expect(lots).not.toBe(stats);
  });

  it('sends the invalidations of one event-loop turn as one write, and resolves each caller only after it', async () => {
    let written = false;
    bus.publish.mockImplementation(async (_channel, _payload, writes) => {
      writes?.(redis.transaction as unknown as ChainableCommander);
      written = true;
    });
    const resolvedAfterWrite: boolean[] = [];
    const callers = [service.invalidate('lots'), service.invalidate('stats', 'lots'), service.invalidate('availability')].map((call) =>
      call.then(() => resolvedAfterWrite.push(written)),
    );
    await Promise.all(callers);

    expect(bus.publish).toHaveBeenCalledTimes(1);
    expect(bus.publish).toHaveBeenCalledWith('cache:invalidated', 'lots,stats,availability', expect.any(Function));
    expect(resolvedAfterWrite).toEqual([true, true, true]);
    expect([...redis.versions.keys()].sort()).toEqual(['cache-version:availability', 'cache-version:lots', 'cache-version:stats']);

    // The next turn's invalidation is a write of its own.
    await service.invalidate('lots');
    expect(bus.publish).toHaveBeenCalledTimes(2);
    expect(bus.publish).toHaveBeenLastCalledWith('cache:invalidated', 'lots', expect.any(Function));
  });

  it('recomputes after its namespace is invalidated, and only that namespace', async () => {
    let lots = 1;
    const lotCount = () => service.getOrSet('lots', 'count', async () => lots);
    const stats = jest.fn(async () => 'figures');
    await lotCount();
    await service.getOrSet('stats', 'admin', stats);

    lots = 2;
    expect(await lotCount()).toBe(1);
    await service.invalidate('lots');
    expect(await lotCount()).toBe(2);
    await service.getOrSet('stats', 'admin', stats);
    expect(stats).toHaveBeenCalledTimes(1);
  });

  it('tags an entry with the version read before computing: a write during the computation leaves it stale', async () => {
    const slow = deferredCompute<string>();
    const first = service.getOrSet('lots', 'list', slow.compute);
    await nextTurn();
    expect(slow.compute).toHaveBeenCalled();
    await service.invalidate('lots'); // a booking commits while the list is being read
    slow.finish('before the booking');
    expect(await first).toBe('before the booking');

    expect(await service.getOrSet('lots', 'list', async () => 'after the booking')).toBe('after the booking');
  });

  it('runs one computation for concurrent misses of a key, and a new one after an invalidation', async () => {
    const slow = deferredCompute<string>();
    const readers = [service.getOrSet('lots', 'list', slow.compute), service.getOrSet('lots', 'list', slow.compute)];
    await nextTurn();
    expect(slow.compute).toHaveBeenCalledTimes(1);

    await service.invalidate('lots');
    const afterWrite = jest.fn(async () => 'fresh');
    expect(await service.getOrSet('lots', 'list', afterWrite)).toBe('fresh');
    expect(afterWrite).toHaveBeenCalledTimes(1);

    slow.finish('shared');
    expect(await Promise.all(readers)).toEqual(['shared', 'shared']);
  });

  it('shares a failed computation with the readers that joined it, then tries again', async () => {
    const failing = jest.fn(async () => {
      throw new Error('lot not found');
    });
    await expect(Promise.all([service.getOrSet('availability', 'x', failing), service.getOrSet('availability', 'x', failing)])).rejects.toThrow('lot not found');
    expect(failing).toHaveBeenCalledTimes(1);
    await expect(service.getOrSet('availability', 'x', async () => 3)).resolves.toBe(3);
  });

  it('computes when Redis fails, and invalidation never throws', async () => {
    redis.mget.mockRejectedValue(new Error('connection refused'));
    cache.get.mockRejectedValue(new Error('connection refused'));
    bus.publish.mockRejectedValue(new Error('connection refused'));
    expect(await service.getOrSet('lots', 'list', async () => 'from the database')).toBe('from the database');
    await expect(service.invalidate('lots')).resolves.toBeUndefined();
    expect(Logger.prototype.warn).toHaveBeenCalledWith('Cache unavailable, reading from the database: connection refused');
  });

  describe('per lot (R-CACHE-1)', () => {
    /** What each lot read answers, and how often each was computed. */
    function lotReads(target: AppCacheService) {
      const computed: string[] = [];
      const read = (what: string) => async () => {
        computed.push(what);
        return what;
      };
      return {
        computed,
        all: () =>
          Promise.all([
            target.getOrSet(lotCacheScopes.lists, 'list', read('list')),
            target.getOrSet(lotCacheScopes.lot('A'), 'lot', read('lot A')),
            target.getOrSet(lotCacheScopes.lot('B'), 'lot', read('lot B')),
            target.getOrSet(lotCacheScopes.availability('A'), 'window', read('availability A')),
            target.getOrSet(lotCacheScopes.availability('B'), 'window', read('availability B')),
            target.getOrSet('stats', 'admin', read('stats')),
          ]),
      };
    }

    it("a write in lot A drops the lot lists, lot A's reads and availability and the stats; lot B's stay cached", async () => {
      const reads = lotReads(service);
      await reads.all();
      reads.computed.length = 0;

      await service.invalidateLot('A');
      await reads.all();
      expect(reads.computed.sort()).toEqual(['availability A', 'list', 'lot A', 'stats']);
      expect(bus.publish).toHaveBeenLastCalledWith('cache:invalidated', 'lot-lists,lot:A,stats', expect.any(Function));

      // Another process hears it the same way.
      const other = lotReads(newProcess());
      await other.all();
      other.computed.length = 0;
      await service.invalidateLot('B');
      await other.all();
      expect(other.computed.sort()).toEqual(['availability B', 'list', 'lot B', 'stats']);
    });

    it('still drops every lot at once through the shared namespaces', async () => {
      const reads = lotReads(service);
      await reads.all();
      reads.computed.length = 0;
      await service.invalidate('lots');
      await reads.all();
      expect(reads.computed.sort()).toEqual(['list', 'lot A', 'lot B']);

      reads.computed.length = 0;
      await service.invalidate('availability');
      await reads.all();
      expect(reads.computed.sort()).toEqual(['availability A', 'availability B']);
    });

    it('sends the lots written in one event-loop turn as one write', async () => {
      await Promise.all([service.invalidateLot('A'), service.invalidateLot('B'), service.invalidate('stats')]);
      expect(bus.publish).toHaveBeenCalledTimes(1);
      expect(bus.publish).toHaveBeenCalledWith('cache:invalidated', 'lot-lists,lot:A,stats,lot:B', expect.any(Function));
    });
  });

  describe('after an outage (R-ROB-3)', () => {
    /** Redis refuses every command until `back()`; what it held before stays (it was unreachable, not emptied). */
    function outage() {
      const refused = () => Promise.reject(new Error('connection refused'));
      redis.mget.mockImplementation(refused);
      cache.get.mockImplementation(refused);
      cache.set.mockImplementation(refused);
      const publish = bus.publish.getMockImplementation()!;
      bus.publish.mockImplementation(refused);
      return {
        back() {
          redis.mget.mockImplementation(async (keys: string[]) => keys.map((key) => redis.versions.get(key) ?? null));
          cache.get.mockImplementation(async (key: string) => cache.store.get(key));
          cache.set.mockImplementation(async (key: string, value: unknown) => void cache.store.set(key, value));
          bus.publish.mockImplementation(publish);
        },
      };
    }

    it('a write whose invalidation failed is settled once Redis answers: the answers kept in Redis and memory are not served', async () => {
      let name = 'old name';
      const lot = () => service.getOrSet(lotCacheScopes.lot('A'), 'lot', async () => name);
      const other = newProcess();
      const otherLot = () => other.getOrSet(lotCacheScopes.lot('A'), 'lot', async () => name);
      expect([await lot(), await otherLot()]).toEqual(['old name', 'old name']);

      // Redis is unreachable for this process's write only: its channel stays up, nobody hears of the write.
      const down = outage();
      name = 'new name';
      await expect(service.invalidateLot('A')).resolves.toBeUndefined();
      expect(await lot()).toBe('new name');
      await nextTurn();
      down.back();

      // Redis answers again with the old versions and entries: the next read drops everything first.
      expect(await lot()).toBe('new name');
      await nextTurn();
      expect(redis.versions.get('cache-version:*')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await otherLot()).toBe('new name');
      expect(await lot()).toBe('new name');
    });

    it('a process that lost the channel drops its copies and bypasses the cache until it has dropped everything', async () => {
      let name = 'old name';
      const compute = jest.fn(async () => name);
      const lot = () => service.getOrSet(lotCacheScopes.lot('A'), 'lot', compute);
      await lot();

      // Redis goes away; another process writes meanwhile and cannot invalidate; Redis comes back with its data.
      const down = outage();
      bus.setLive(false);
      name = 'new name';
      down.back();
      // Before the channel is back, nothing cached is served, and the first read makes the bump.
      expect(await lot()).toBe('new name');
      await nextTurn();
      expect(redis.versions.get('cache-version:*')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await lot()).toBe('new name');
      compute.mockClear();
      expect(await lot()).toBe('new name');
      expect(compute).not.toHaveBeenCalled();
    });

    it('drops everything when the channel comes back, before the next read, and only once', async () => {
      await service.getOrSet('stats', 'admin', async () => 'figures');
      bus.setLive(false);
      bus.setLive(true);
      await nextTurn();
      expect(bus.publish.mock.calls.map(([, payload]) => payload)).toEqual(['*']);
      await service.getOrSet('stats', 'admin', async () => 'figures');
      bus.setLive(true);
      expect(bus.publish).toHaveBeenCalledTimes(1);
    });

    it('keeps bypassing the cache while the bump fails, trying it once at a time', async () => {
      bus.setLive(false);
      const down = outage();
      const compute = jest.fn(async () => 'from the database');
      await Promise.all([service.getOrSet('stats', 'admin', compute), service.getOrSet('stats', 'admin', compute)]);
      await nextTurn();
      expect(compute).toHaveBeenCalledTimes(2);
      expect(bus.publish).toHaveBeenCalledTimes(1);
      expect(cache.get).not.toHaveBeenCalled();

      down.back();
      await service.getOrSet('stats', 'admin', compute);
      await nextTurn();
      expect(bus.publish).toHaveBeenCalledTimes(2);
      await service.getOrSet('stats', 'admin', compute);
      await service.getOrSet('stats', 'admin', compute);
      expect(compute).toHaveBeenCalledTimes(4);
    });
  });
});
