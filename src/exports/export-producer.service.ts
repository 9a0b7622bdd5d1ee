import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'bull';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { MailQueue } from '../mail/mail-queue.service';
import { ExportFileStore } from './export-file.store';
import { downloadFileName, EXPORT_RETENTION_DAYS, ExportFileType, ExportJobData, ExportLayout, ExportResult, exportFileType, storedFileName } from './export-formats';
import { attachesFile, exportReadyMail } from './export-mail';
import { exportTables } from './export-tables';
import { writeExport } from './export-writer';
import { ExportsRepository } from './exports.repository';
import { ProgressReporter } from './progress';

const DAY_MS = 24 * 3600 * 1000;

/** The worker side of R-JOB-5: streams an export from PostgreSQL into its file, mails the owner, expires old files. */
@Injectable()
export class ExportProducer {
  private readonly logger = new Logger(ExportProducer.name);
  private readonly currency: string;
  private readonly publicUrl: string;
  private readonly timeZone: string;

  constructor(
    private readonly repository: ExportsRepository,
    private readonly files: ExportFileStore,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    const app = config.get('app', { infer: true });
    this.currency = app.currency;
    this.publicUrl = app.publicUrl;
    this.timeZone = app.timeZone;
  }

  async run(job: Job<ExportJobData>): Promise<ExportResult> {
    const { ownerId, kind, format } = job.data;
    const type = exportFileType(format, kind);
    const name = storedFileName(job.id, type);
    const context = {
      currency: this.currency,
      now: this.clock.now(),
      // A job queued before layouts existed was asked for what is now the machine layout.
      layout: job.data.layout ?? ExportLayout.Machine,
      timeZone: job.data.timeZone ?? this.timeZone,
    };
    const { rowCount, sizeBytes } = await this.repository.snapshot(async (snapshot) => {
      const tables = await exportTables(kind, ownerId, snapshot, context);
      const progress = new ProgressReporter(
        tables.reduce((sum, table) => sum + table.count, 0),
        (percent) => job.progress(percent),
      );
      let written = 0;
      const file = await this.files.write(name, async (out) => {
        written = await writeExport(type.extension, tables, out, progress);
      });
      await progress.finish();
      return { rowCount: written, sizeBytes: file.sizeBytes };
    });
    const expiresAt = new Date(this.clock.now().getTime() + EXPORT_RETENTION_DAYS * DAY_MS);
    await this.mailOwner(job, type, { rowCount, sizeBytes, expiresAt });
    this.logger.log(`Export ${job.id} (${kind}, ${format}): ${rowCount} rows, ${sizeBytes} bytes`);
    return { rowCount, sizeBytes, expiresAt: expiresAt.toISOString() };
  }

  /** The daily clean-up: files written more than 7 days ago are deleted (GET then says `expired`). */
  async removeExpired(): Promise<{ removed: number }> {
    const removed = await this.files.removeOlderThan(new Date(this.clock.now().getTime() - EXPORT_RETENTION_DAYS * DAY_MS));
    if (removed) this.logger.log(`Removed ${removed} expired export file(s)`);
    return { removed };
  }

  /** One mail per export, however often the job is retried: the mail job id is derived from the export's. */
  private async mailOwner(job: Job<ExportJobData>, type: ExportFileType, file: { rowCount: number; sizeBytes: number; expiresAt: Date }): Promise<void> {
    const owner = await this.repository.owner(job.data.ownerId);
    if (!owner) {
      this.logger.warn(`Export ${job.id}: its owner no longer exists; no mail sent`);
      return;
    }
    const name = storedFileName(job.id, type);
    const content = attachesFile(file.sizeBytes) ? await this.files.read(name) : undefined;
    const mail = exportReadyMail(
      owner,
      {
        ...file,
        kind: job.data.kind,
        type,
        downloadUrl: `${this.publicUrl}/api/exports/${job.id}/download`,
        downloadName: downloadFileName(job.data.kind, type, new Date(job.timestamp)),
      },
      content,
    );
    await this.mail.enqueue(mail, { jobId: `export-ready:${job.id}` });
  }
}
