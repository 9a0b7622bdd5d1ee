import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { deleteRedisKeysUnder } from './redis-keys';
import { TEST_ADMIN_DB_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_DB_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${process.env.TEST_DATABASE_NAME} WITH (FORCE)`);
  await admin.end();
  await deleteRedisKeysUnder(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.REDIS_PREFIX!);
  for (const dir of [process.env.MAIL_OUTBOX_DIR, process.env.EXPORT_DIR]) if (dir) rmSync(dir, { recursive: true, force: true });
}
