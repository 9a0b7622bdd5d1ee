import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TEST_ADMIN_DB_URL, testDatabaseUrl } from './test-env';

/**
 * One run, one throw-away database (migrated like production) and one Redis key prefix, so the tests
 * never touch development data and can run twice in a row.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `parking_test_${runId}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DB_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const url = testDatabaseUrl(database);
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  process.env.TEST_DATABASE_NAME = database;
  process.env.DATABASE_URL = url;
  process.env.REDIS_PREFIX = `parking-test-${runId}`;
  process.env.MAIL_OUTBOX_DIR = mkdtempSync(join(tmpdir(), 'parking-mail-'));
  process.env.EXPORT_DIR = mkdtempSync(join(tmpdir(), 'parking-exports-'));
}
