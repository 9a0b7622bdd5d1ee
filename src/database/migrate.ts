import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Deploy step for production (`node dist/database/migrate.js`): applies pending migrations, then exits. */
async function migrate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the database to migrate');
    process.exit(2);
  }
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  process.stdout.write(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations\n');
  await dataSource.destroy();
}

migrate().catch((error: unknown) => {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
