import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, JobStatus, Queue } from 'bull';
import Redis from 'ioredis';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/errors/domain-error';
import { queueCallFromRequest } from '../queues/queue-call';
import { QueueName } from '../queues/queue-names';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.token';
import { CreateExportDto, ExportCreatedDto, ExportState, ExportStatusDto } from './dto/exports.dto';
import { ExportFileStore } from './export-file.store';
import {
  downloadFileName,
  EXPORT_JOB_NAMES,
  EXPORT_JOB_OPTIONS,
  ExportJobData,
  ExportKind,
  ExportLayout,
  ExportResult,
  exportFileType,
  storedFileName,
} from './export-formats';

export interface ExportDownload {
  stream: Readable;
  sizeBytes: number;
  fileName: string;
  contentType: string;
}

const EXPORT_JOBS = new Set<string>(Object.values(EXPORT_JOB_NAMES));

/** R-LIMIT-1: how many exports of one user may be waiting or running at once. */
export const MAX_UNFINISHED_EXPORTS = 2;

/** Bull's states of a job that has not finished yet (a failed attempt waiting for its retry is `delayed`). */
const UNFINISHED: ReadonlySet<JobStatus | 'stuck'> = new Set<JobStatus | 'stuck'>(['waiting', 'active', 'delayed', 'paused']);

/** How long a user's list of exports outlives their last request; finished ones are pruned at each request. */
const EXPORT_LIST_TTL_SECONDS = 14 * 24 * 3600;

/** The request side of R-JOB-5: queue an export, report its state, hand its file to its owner only. */
@Injectable()
export class ExportsService {
  /** APP_TIMEZONE: the readable layout's times when the request names no zone. */
  private readonly defaultTimeZone: string;

  constructor(
    @InjectQueue(QueueName.Exports) private readonly queue: Queue<ExportJobData>,
    private readonly files: ExportFileStore,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.defaultTimeZone = config.get('app', { infer: true }).timeZone;
  }

  /**
   * R-JOB-5, within R-LIMIT-1: at most MAX_UNFINISHED_EXPORTS of the caller's exports (a driver's or an
   * admin's, of any kind) wait or run at once, else 409 EXPORTS_IN_PROGRESS.
   *
   * Exports live in Bull only, and Bull has no index by owner, so each user's job ids are listed in a Redis
   * set and their states asked from Bull, which stays the truth (a finished or removed job no longer counts
   * and is pruned). Counting and queueing must not interleave between two requests of one user, in any
   * process: a PostgreSQL advisory lock on the user, held by a transaction around both, serialises them
   * (and nothing else: other users' requests take other locks). A lock in PostgreSQL rather than a Lua
   * script, because the count needs Bull's job states, which only Bull's own calls read reliably. Should
   * Redis fail between queueing a job and listing it, that job goes uncounted: the limit errs on the side
   * of the driver.
   *
   * The job carries the layout and the time zone as asked (the defaults filled in), so the worker writes
   * what the request saw whatever its own configuration.
   */
  async request(user: AuthUser, kind: ExportKind, { format, layout, timeZone }: CreateExportDto): Promise<ExportCreatedDto> {
    const data: ExportJobData = { ownerId: user.id, format, kind, layout: layout ?? ExportLayout.Readable, timeZone: timeZone ?? this.defaultTimeZone };
    const listKey = `exports:unfinished:${user.id}`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [listKey]);
      const listed = await queueCallFromRequest(this.redis.smembers(listKey));
      const states = await queueCallFromRequest(Promise.all(listed.map(async (id) => (await this.queue.getJob(id))?.getState())));
      const finished = listed.filter((_id, i) => !UNFINISHED.has(states[i] ?? 'stuck'));
      if (listed.length - finished.length >= MAX_UNFINISHED_EXPORTS) throw new DomainError('EXPORTS_IN_PROGRESS');
      const job = await queueCallFromRequest(this.queue.add(EXPORT_JOB_NAMES[kind], data, EXPORT_JOB_OPTIONS));
      const list = this.redis.multi().sadd(listKey, String(job.id)).expire(listKey, EXPORT_LIST_TTL_SECONDS);
      await queueCallFromRequest((finished.length ? list.srem(listKey, ...finished) : list).exec());
      return { jobId: String(job.id) };
    });
  }

  async status(user: AuthUser, jobId: string): Promise<ExportStatusDto> {
    const job = await this.ownJob(user, jobId);
    const state = await this.stateOf(job);
    const result = state === 'completed' || state === 'expired' ? (job.returnvalue as ExportResult) : undefined;
    return {
      jobId: String(job.id),
      format: job.data.format,
      kind: job.data.kind,
      state,
      progress: result ? 100 : Number(job.progress()) || 0,
      ...(result ? { rowCount: result.rowCount, sizeBytes: result.sizeBytes, expiresAt: result.expiresAt } : {}),
      ...(state === 'completed' ? { downloadUrl: `/api/exports/${job.id}/download` } : {}),
      createdAt: new Date(job.timestamp).toISOString(),
      // The reason itself may hold internals (SQL, paths): operators read it in the dashboard.
      ...(state === 'failed' ? { error: 'The export failed; request a new one' } : {}),
    };
  }

  /** 409 EXPORT_NOT_READY until the file is complete; 410 EXPORT_EXPIRED once it is past its 7 days or gone. */
  async download(user: AuthUser, jobId: string): Promise<ExportDownload> {
    const job = await this.ownJob(user, jobId);
    const state = await this.stateOf(job);
    if (state === 'expired') throw new DomainError('EXPORT_EXPIRED');
    if (state !== 'completed') {
      throw new DomainError('EXPORT_NOT_READY', state === 'failed' ? 'The export failed; request a new one' : undefined, { state });
    }
    const type = exportFileType(job.data.format, job.data.kind);
    const file = await this.files.open(storedFileName(job.id, type));
    if (!file) throw new DomainError('EXPORT_EXPIRED');
    return { ...file, fileName: downloadFileName(job.data.kind, type, new Date(job.timestamp)), contentType: type.contentType };
  }

  /** Another user's export, an unknown id and a job that is not an export all look the same: 404. */
  private async ownJob(user: AuthUser, jobId: string): Promise<Job<ExportJobData>> {
    const job = await queueCallFromRequest(this.queue.getJob(jobId));
    if (!job || !EXPORT_JOBS.has(job.name) || job.data.ownerId !== user.id) throw DomainError.notFound('Export');
    return job;
  }

  private async stateOf(job: Job<ExportJobData>): Promise<ExportState> {
    const state = await queueCallFromRequest(job.getState());
    switch (state) {
      case 'completed': {
        const { expiresAt } = job.returnvalue as ExportResult;
        const gone = this.clock.now() >= new Date(expiresAt) || !(await this.files.exists(storedFileName(job.id, exportFileType(job.data.format, job.data.kind))));
        return gone ? 'expired' : 'completed';
      }
      case 'failed':
      case 'active':
        return state;
      default:
        // waiting, delayed (a retry's back-off), paused: not started yet.
        return 'waiting';
    }
  }
}
