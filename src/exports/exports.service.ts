import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { Readable } from 'node:stream';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/errors/domain-error';
import { queueCallFromRequest } from '../queues/queue-call';
import { QueueName } from '../queues/queue-names';
import { ExportCreatedDto, ExportState, ExportStatusDto } from './dto/exports.dto';
import { ExportFileStore } from './export-file.store';
import {
  downloadFileName,
  EXPORT_JOB_NAMES,
  EXPORT_JOB_OPTIONS,
  ExportFormat,
  ExportJobData,
  ExportKind,
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

/** The request side of R-JOB-5: queue an export, report its state, hand its file to its owner only. */
@Injectable()
export class ExportsService {
  constructor(
    @InjectQueue(QueueName.Exports) private readonly queue: Queue<ExportJobData>,
    private readonly files: ExportFileStore,
    private readonly clock: Clock,
  ) {}

  async request(user: AuthUser, kind: ExportKind, format: ExportFormat): Promise<ExportCreatedDto> {
    const job = await queueCallFromRequest(this.queue.add(EXPORT_JOB_NAMES[kind], { ownerId: user.id, format, kind }, EXPORT_JOB_OPTIONS));
    return { jobId: String(job.id) };
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
