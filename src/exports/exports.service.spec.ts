import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, JobStatus, Queue } from 'bull';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Role } from '../common/decorators/roles.decorator';
import { AppConfig } from '../config/app-config';
import { JobName } from '../queues/queue-names';
import { ExportFileStore } from './export-file.store';
import { ExportFormat, ExportJobData, ExportKind } from './export-formats';
import { ExportsService } from './exports.service';

const owner = { id: 'owner-id', role: Role.User };
const NOW = new Date('2026-11-22T10:00:00Z');

function fakeJob(state: JobStatus | 'stuck', overrides: Partial<Job<ExportJobData>> = {}): Job<ExportJobData> {
  return {
    id: 7,
    name: JobName.ExportBookings,
    data: { ownerId: owner.id, format: ExportFormat.Csv, kind: ExportKind.Bookings },
    timestamp: Date.parse('2026-11-22T09:00:00Z'),
    returnvalue: state === 'completed' ? { rowCount: 3, sizeBytes: 120, expiresAt: '2026-11-29T09:01:00.000Z' } : null,
    progress: () => 40,
    getState: async () => state,
    ...overrides,
  } as unknown as Job<ExportJobData>;
}

function setup(job: Job<ExportJobData> | null | Promise<never>, fileExists = true, now = NOW) {
  const queue = { getJob: () => (job instanceof Promise ? job : Promise.resolve(job)) } as unknown as Queue<ExportJobData>;
  const files = {
    exists: async () => fileExists,
    open: async () => (fileExists ? { stream: Readable.from(['x']), sizeBytes: 1 } : undefined),
  } as unknown as ExportFileStore;
  const clock = { now: () => now } as Clock;
  // Only requesting an export takes the lock and the list; reading one needs neither.
  const config = { get: () => ({ timeZone: 'UTC' }) } as unknown as ConfigService<AppConfig, true>;
  return new ExportsService(queue, files, clock, {} as DataSource, {} as Redis, config);
}

describe('ExportsService', () => {
  it.each([
    ['waiting', 'waiting'],
    ['delayed', 'waiting'], // back-off before a retry
    ['paused', 'waiting'],
    ['stuck', 'waiting'],
    ['active', 'active'],
  ] as const)('reports a %s job as %s, with its progress and no link', async (bullState, state) => {
    const status = await setup(fakeJob(bullState)).status(owner, '7');
    expect(status).toEqual({ jobId: '7', format: 'csv', kind: 'bookings', state, progress: 40, createdAt: '2026-11-22T09:00:00.000Z' });
  });

  it('reports a completed job with its figures and download link', async () => {
    expect(await setup(fakeJob('completed')).status(owner, '7')).toEqual({
      jobId: '7',
      format: 'csv',
      kind: 'bookings',
      state: 'completed',
      progress: 100,
      rowCount: 3,
      sizeBytes: 120,
      downloadUrl: '/api/exports/7/download',
      expiresAt: '2026-11-29T09:01:00.000Z',
      createdAt: '2026-11-22T09:00:00.000Z',
    });
  });

  it('reports a completed job as expired from its expiry on, even before the clean-up removed the file', async () => {
    const expiry = new Date('2026-11-29T09:01:00.000Z');
    expect((await setup(fakeJob('completed'), true, new Date(expiry.getTime() - 1)).status(owner, '7')).state).toBe('completed');
    const service = setup(fakeJob('completed'), true, expiry);
    expect(await service.status(owner, '7')).toMatchObject({ state: 'expired', expiresAt: expiry.toISOString() });
    await expect(service.download(owner, '7')).rejects.toMatchObject({ code: 'EXPORT_EXPIRED', status: 410 });
  });

  it('reports a completed job whose file the clean-up removed as expired, and refuses the file with 410', async () => {
    const service = setup(fakeJob('completed'), false);
    expect(await service.status(owner, '7')).toMatchObject({ state: 'expired', rowCount: 3 });
    await expect(service.download(owner, '7')).rejects.toMatchObject({ code: 'EXPORT_EXPIRED', status: 410 });
  });

  it('reports a failed job without its internal reason, and refuses the file with 409', async () => {
    const service = setup(fakeJob('failed', { failedReason: 'relation "bookings" does not exist' } as Partial<Job<ExportJobData>>));
    const status = await service.status(owner, '7');
    expect(status).toMatchObject({ state: 'failed', error: 'The export failed; request a new one' });
    expect(JSON.stringify(status)).not.toContain('relation');
    await expect(service.download(owner, '7')).rejects.toMatchObject({ code: 'EXPORT_NOT_READY', status: 409, details: { state: 'failed' } });
  });

  it('hands out the file of a completed job under its download name and type', async () => {
    const file = await setup(fakeJob('completed')).download(owner, '7');
    expect(file).toMatchObject({ fileName: 'parking-bookings-2026-11-22.csv', contentType: 'text/csv; charset=utf-8', sizeBytes: 1 });
  });

  it.each([
    ['an unknown id', null],
    ["another user's export", fakeJob('completed', { data: { ownerId: 'someone-else', format: ExportFormat.Csv, kind: ExportKind.Bookings } })],
    ['a job that is not an export', fakeJob('completed', { name: JobName.CleanupExports })],
  ])('answers 404 for %s', async (_what, job) => {
    await expect(setup(job).status(owner, '7')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Export not found' });
  });

  it('answers 503 when Redis does not answer in time', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.useFakeTimers();
    try {
      const answer = setup(new Promise<never>(() => undefined)).status(owner, '7');
      const refused = expect(answer).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      await jest.advanceTimersByTimeAsync(2000);
      await refused;
      expect(warn).toHaveBeenCalledWith('Queue call failed: Redis did not answer in 2000 ms');
    } finally {
      jest.useRealTimers();
      warn.mockRestore();
    }
  });
});
