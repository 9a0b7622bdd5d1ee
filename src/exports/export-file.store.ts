import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';

export interface StoredFile {
  stream: Readable;
  sizeBytes: number;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The folder of finished exports (EXPORT_DIR), shared by the API, which serves the files, and the worker,
 * which writes and expires them.
 */
@Injectable()
export class ExportFileStore {
  private readonly dir: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.dir = resolve(config.get('app', { infer: true }).exportDir);
  }

  /**
   * `produce` writes the file into the stream it is given and ends it. It is written under a temporary name
   * and renamed when complete: a download never sees half a file, and a failed run leaves nothing behind.
   */
  async write(name: string, produce: (out: Writable) => Promise<void>): Promise<{ sizeBytes: number }> {
    await mkdir(this.dir, { recursive: true });
    const partial = join(this.dir, `.${name}.${randomBytes(4).toString('hex')}.partial`);
    const out = createWriteStream(partial, { flags: 'wx' });
    const closed = new Promise<void>((done) => out.once('close', done));
    try {
      await produce(out);
      await closed;
      await rename(partial, this.path(name));
    } catch (error) {
      out.destroy();
      await closed;
      await rm(partial, { force: true });
      throw error;
    }
    return { sizeBytes: (await stat(this.path(name))).size };
  }

  /** The file for streaming out, or undefined when it is gone. Opened first, so a clean-up cannot race the size. */
  async open(name: string): Promise<StoredFile | undefined> {
    try {
      const handle = await open(this.path(name), 'r');
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), sizeBytes: size };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await stat(this.path(name));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Whole, for a mail attachment: only called for files under the attachment limit. */
  read(name: string): Promise<Buffer> {
    return readFile(this.path(name));
  }

  /** Deletes every file last written before `cutoff`, left-over partial files included; returns how many. */
  async removeOlderThan(cutoff: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      const stats = await stat(path).catch(() => undefined);
      if (!stats?.isFile() || stats.mtime >= cutoff) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  private path(name: string): string {
    return join(this.dir, name);
  }
}
