/** Injection token of the shared ioredis connection (RedisModule). */
export const REDIS = Symbol('REDIS');
