import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RateLimitService } from './rate-limit.service';

const LIMIT = 10;

/** A Redis whose hit script answers [count, pttl] per key. */
function fakeRedis(replies: Record<string, [number, number]>) {
  return { eval: jest.fn(async (_script: string, _keys: number, key: string) => replies[key]) };
}

function service(redis: { eval: jest.Mock }): RateLimitService {
  const config = { get: () => ({ rateLimitPerMinute: LIMIT }) } as unknown as ConfigService<AppConfig, true>;
  return new RateLimitService(redis as unknown as Redis, config);
}

describe('RateLimitService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts each bucket under its own key in a one-minute window', async () => {
    const redis = fakeRedis({ 'rate:a': [1, 60_000], 'rate:b': [1, 60_000] });
    await service(redis).hit(['a', 'b']);
    expect(redis.eval).toHaveBeenCalledTimes(2);
    expect(redis.eval).toHaveBeenCalledWith(expect.stringContaining('INCR'), 1, 'rate:a', 60_000);
    expect(redis.eval).toHaveBeenCalledWith(expect.stringContaining('INCR'), 1, 'rate:b', 60_000);
  });

  it('allows up to the limit', async () => {
    const verdict = await service(fakeRedis({ 'rate:a': [LIMIT, 12_000] })).hit(['a']);
    expect(verdict).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('refuses over the limit, rounding the wait up to whole seconds', async () => {
    expect(await service(fakeRedis({ 'rate:a': [LIMIT + 1, 1_500] })).hit(['a'])).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(await service(fakeRedis({ 'rate:a': [LIMIT + 5, 59_000] })).hit(['a'])).toEqual({ allowed: false, retryAfterSeconds: 59 });
  });

  it('waits for the longest of the buckets that are over the limit', async () => {
    const redis = fakeRedis({ 'rate:a': [LIMIT + 1, 5_000], 'rate:b': [LIMIT + 2, 42_001], 'rate:c': [1, 59_999] });
    expect(await service(redis).hit(['a', 'b', 'c'])).toEqual({ allowed: false, retryAfterSeconds: 43 });
  });

  it('ignores the window of a bucket that is under the limit', async () => {
    const redis = fakeRedis({ 'rate:a': [3, 59_000], 'rate:b': [LIMIT + 1, 2_000] });
    expect(await service(redis).hit(['a', 'b'])).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('waits a whole window when the key has no expiry', async () => {
    expect(await service(fakeRedis({ 'rate:a': [LIMIT + 1, -1] })).hit(['a'])).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('lets requests through when Redis fails', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const redis = { eval: jest.fn().mockRejectedValue(new Error('Connection is closed.')) };
    expect(await service(redis).hit(['a'])).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Connection is closed.'));
  });
});
