import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobName, QueueName } from '../queues/queue-names';
import { ExportJobData, ExportResult } from './export-formats';
import { ExportProducer } from './export-producer.service';

/** Worker side of the exports queue; one export at a time per worker, retried by Bull with back-off. */
@Processor(QueueName.Exports)
export class ExportsProcessor {
  constructor(private readonly producer: ExportProducer) {}

  @Process(JobName.ExportBookings)
  exportBookings(job: Job<ExportJobData>): Promise<ExportResult> {
    return this.producer.run(job);
  }

  @Process(JobName.ExportAll)
  exportAll(job: Job<ExportJobData>): Promise<ExportResult> {
    return this.producer.run(job);
  }

  @Process(JobName.CleanupExports)
  cleanupExports(): Promise<{ removed: number }> {
    return this.producer.removeExpired();
  }
}
