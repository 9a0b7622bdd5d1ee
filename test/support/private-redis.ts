import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A redis-server of the test's own on a free port, which the test stops and starts again (never the shared
 * one). It keeps nothing on its own; `stop('save')` writes its data to its folder first, so that the next
 * `start()` comes back with it, as a Redis that was unreachable rather than emptied.
 */
export class PrivateRedis {
  private process?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'parking-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Starts the server unless it runs, and waits until it answers. */
  async start(): Promise<void> {
    if (this.running) return;
    const server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: 'ignore' });
    this.process = server;
    const deadline = Date.now() + 5000;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        if (server.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${server.exitCode}`);
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch (error) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        client.disconnect();
      }
    }
  }

  /** Shuts the server down: `nosave` loses its data, `save` keeps it for the next start. */
  async stop(data: 'save' | 'nosave'): Promise<void> {
    const server = this.process;
    if (!server || !this.running) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    // SHUTDOWN closes the connection without an answer; redis-cli then reports an error, which is expected.
    await run('redis-cli', ['-p', String(this.port), 'shutdown', data]).catch(() => undefined);
    await exited;
  }

  /** A client of its own (no key prefix), for the test to look at what the app stored. */
  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 1 });
  }

  async remove(): Promise<void> {
    await this.stop('nosave');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
