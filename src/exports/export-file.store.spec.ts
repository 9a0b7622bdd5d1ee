import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import { ExportFileStore } from './export-file.store';

const writeTo = (out: Writable, text: string) => new Promise<void>((done) => out.write(text, () => done()));
const endWith = (out: Writable, text: string) => new Promise<void>((done) => out.end(text, () => done()));

describe('ExportFileStore', () => {
  let dir: string;
  let store: ExportFileStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'export-store-'));
    // A folder that does not exist yet: the first write creates it.
    store = new ExportFileStore({ get: () => ({ exportDir: join(dir, 'exports') }) } as unknown as ConfigService<AppConfig, true>);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes under a temporary name and renames the file once complete', async () => {
    const seen: string[][] = [];
    const { sizeBytes } = await store.write('1.csv', async (out) => {
      await writeTo(out, 'id\r\n');
      seen.push(await readdir(join(dir, 'exports')));
      await endWith(out, 'a\r\n');
    });
    expect(seen[0]).toEqual([expect.stringMatching(/^\.1\.csv\.[0-9a-f]{8}\.partial$/)]);
    expect(await readdir(join(dir, 'exports'))).toEqual(['1.csv']);
    expect(sizeBytes).toBe(7);
    expect((await store.read('1.csv')).toString()).toBe('id\r\na\r\n');
  });

  it('leaves nothing behind when writing fails', async () => {
    await expect(
      store.write('2.csv', async (out) => {
        out.write('half a file');
        throw new Error('cursor lost');
      }),
    ).rejects.toThrow('cursor lost');
    expect(await readdir(join(dir, 'exports'))).toEqual([]);
    expect(await store.exists('2.csv')).toBe(false);
  });

  it('opens a file for streaming with its size, or answers undefined when it is gone', async () => {
    await store.write('3.csv', (out) => endWith(out, 'hello'));
    const file = (await store.open('3.csv'))!;
    expect(file.sizeBytes).toBe(5);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    expect(await store.open('4.csv')).toBeUndefined();
  });

  it('removes the files written before the cutoff, left-over partial files included', async () => {
    const exportsDir = join(dir, 'exports');
    await store.write('old.csv', (out) => endWith(out, 'x'));
    await store.write('new.csv', (out) => endWith(out, 'y'));
    await writeFile(join(exportsDir, '.crashed.xlsx.0badc0de.partial'), 'z');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(join(exportsDir, 'old.csv'), eightDaysAgo, eightDaysAgo);
    await utimes(join(exportsDir, '.crashed.xlsx.0badc0de.partial'), eightDaysAgo, eightDaysAgo);

    expect(await store.removeOlderThan(new Date(Date.now() - 7 * 24 * 3600 * 1000))).toBe(2);
    expect(await readdir(exportsDir)).toEqual(['new.csv']);
    expect(await readFile(join(exportsDir, 'new.csv'), 'utf8')).toBe('y');
  });

  it('removes nothing when no export was ever written', async () => {
    expect(await store.removeOlderThan(new Date())).toBe(0);
  });
});
