import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Cache } from 'cache-manager';
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { ChannelListener, RedisChannels } from '../redis/redis-channels';
import { AppCacheService } from './app-cache.service';

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
    get: jest.fn(async (key: string) => versions.get(key) ?? null),
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
    redis.get.mockClear();

    expect(await newProcess().getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(redis.get.mock.calls).toEqual([['cache-version:lots']]);
    expect(cache.get.mock.calls).toEqual([['lots:entry:list']]);
  });

  it('serves a hit from memory without a round trip once the version is known', async () => {
    const compute = jest.fn(async () => ['lot A']);
    await service.getOrSet('lots', 'list', compute);
    cache.get.mockClear();
    redis.get.mockClear();

    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.get).not.toHaveBeenCalled();
    expect(redis.get).not.toHaveBeenCalled();
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
    redis.get.mockImplementationOnce((key: string) => new Promise((resolve) => (answer = () => resolve(redis.versions.get(key) ?? null))));
    const reading = service.getOrSet('lots', 'count', async () => 2);
    await new Promise((resolve) => setImmediate(resolve));
    await bus.publish('cache:invalidated', 'lots');
    answer();
    await reading;
    redis.get.mockClear();

    await service.getOrSet('lots', 'count', async () => 3);
    expect(redis.get).toHaveBeenCalledWith('cache-version:lots');
  });

  it('reads the version on every call while the channel is down, and trusts memory again once it is back', async () => {
    let lots = 1;
    await service.getOrSet('lots', 'count', async () => lots);
    bus.setLive(false);
    redis.get.mockClear();
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(1);
    expect(redis.get).toHaveBeenCalledWith('cache-version:lots');

    // Another process writes while this one hears nothing.
    lots = 2;
    redis.versions.set('cache-version:lots', 'changed meanwhile');
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);

    bus.setLive(true);
    await service.getOrSet('lots', 'count', async () => lots);
    redis.get.mockClear();
    cache.get.mockClear();
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);
    expect(redis.get).not.toHaveBeenCalled();
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
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.compute).toHaveBeenCalled();
    await service.invalidate('lots'); // a booking commits while the list is being read
    slow.finish('before the booking');
    expect(await first).toBe('before the booking');

    expect(await service.getOrSet('lots', 'list', async () => 'after the booking')).toBe('after the booking');
  });

  it('runs one computation for concurrent misses of a key, and a new one after an invalidation', async () => {
    const slow = deferredCompute<string>();
    const readers = [service.getOrSet('lots', 'list', slow.compute), service.getOrSet('lots', 'list', slow.compute)];
    await new Promise((resolve) => setImmediate(resolve));
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
    redis.get.mockRejectedValue(new Error('connection refused'));
    cache.get.mockRejectedValue(new Error('connection refused'));
    bus.publish.mockRejectedValue(new Error('connection refused'));
    expect(await service.getOrSet('lots', 'list', async () => 'from the database')).toBe('from the database');
    await expect(service.invalidate('lots')).resolves.toBeUndefined();
    expect(Logger.prototype.warn).toHaveBeenCalledWith('Cache unavailable, reading from the database: connection refused');
  });
});
