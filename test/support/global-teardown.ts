import { rmSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_ADMIN_DB_URL } from './test-env';

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_DB_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${process.env.TEST_DATABASE_NAME} WITH (FORCE)`);
  await admin.end();
  await deleteRedisKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.REDIS_PREFIX!);
  for (const dir of [process.env.MAIL_OUTBOX_DIR, process.env.EXPORT_DIR]) if (dir) rmSync(dir, { recursive: true, force: true });
}
