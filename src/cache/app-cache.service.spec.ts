import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Cache } from 'cache-manager';
import type { AppConfig } from '../config/app-config';
import { AppCacheService } from './app-cache.service';

/** The part of cache-manager the service uses, on a Map. */
function memoryCache() {
  const store = new Map<string, unknown>();
  const cache = {
    store,
    get: jest.fn(async (key: string) => store.get(key)),
    mget: jest.fn(async (keys: string[]) => keys.map((key) => store.get(key))),
    set: jest.fn(async (key: string, value: unknown) => void store.set(key, value)),
    mset: jest.fn(async (entries: { key: string; value: unknown }[]) => entries.forEach(({ key, value }) => store.set(key, value))),
  };
  return cache;
}

/** A computation the test finishes by hand, counting its runs. */
function deferredCompute<T>() {
  let finish!: (value: T) => void;
  const compute = jest.fn(() => new Promise<T>((resolve) => (finish = resolve)));
  return { compute, finish: (value: T) => finish(value) };
}

const TTL_SECONDS = 30;

/** One process's cache service on the shared `cache`. */
function serviceOn(cache: ReturnType<typeof memoryCache>): AppCacheService {
  const config = { get: () => ({ ttlSeconds: TTL_SECONDS }) } as unknown as ConfigService<AppConfig, true>;
  return new AppCacheService(cache as unknown as Cache, config);
}

describe('AppCacheService', () => {
  let cache: ReturnType<typeof memoryCache>;
  let service: AppCacheService;

  beforeEach(() => {
    cache = memoryCache();
    service = serviceOn(cache);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('computes on a miss; another process then reads the entry with one MGET of version and entry', async () => {
    const compute = jest.fn(async () => ['lot A']);
    expect(await service.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    cache.mget.mockClear();

    expect(await serviceOn(cache).getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.mget).toHaveBeenCalledTimes(1);
    expect(cache.mget).toHaveBeenCalledWith(['lots:version', 'lots:entry:list']);
  });

  it('serves an entry it used lately from memory after reading only the version', async () => {
    const compute = jest.fn(async () => ['lot A']);
    const other = serviceOn(cache);
    await service.getOrSet('lots', 'list', compute);
    await other.getOrSet('lots', 'list', compute);
    cache.mget.mockClear();

    for (const process of [service, other]) expect(await process.getOrSet('lots', 'list', compute)).toEqual(['lot A']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.mget).not.toHaveBeenCalled();
    expect(cache.get).toHaveBeenCalledTimes(2);
    expect(cache.get).toHaveBeenCalledWith('lots:version');
  });

  it('drops the copy in memory when another process invalidates the namespace', async () => {
    let lots = 1;
    await service.getOrSet('lots', 'count', async () => lots);
    lots = 2;
    await serviceOn(cache).invalidate('lots');
    expect(await service.getOrSet('lots', 'count', async () => lots)).toBe(2);
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
    cache.get.mockRejectedValue(new Error('connection refused'));
    cache.mget.mockRejectedValue(new Error('connection refused'));
    cache.mset.mockRejectedValue(new Error('connection refused'));
    expect(await service.getOrSet('lots', 'list', async () => 'from the database')).toBe('from the database');
    await expect(service.invalidate('lots')).resolves.toBeUndefined();
    expect(Logger.prototype.warn).toHaveBeenCalledWith('Cache unavailable, reading from the database: connection refused');
  });
});
