import Redis from 'ioredis';

/** Pings Redis once at start-up; the processes cannot work without it (Bull queues). */
export async function assertRedisReachable(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Redis is not reachable at ${url} (${reason}). Start one: install the redis-server package and run ` +
        '`redis-server --daemonize yes`, or `docker compose up -d redis`, or set REDIS_URL.',
    );
  } finally {
    client.disconnect();
  }
}
