import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';

/** The TypeORM CLI's data source (migration:run / revert / generate); the app builds the same options. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL (postgres://…) for the TypeORM CLI, e.g. the embedded one: postgres://postgres:postgres@127.0.0.1:54329/parking');
  process.exit(1);
}

export default new DataSource(dataSourceOptions(url));
