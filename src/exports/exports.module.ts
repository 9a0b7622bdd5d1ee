import { DynamicModule, Module } from '@nestjs/common';
import { AdminExportsController } from './admin-exports.controller';
import { ExportFileStore } from './export-file.store';
import { ExportProducer } from './export-producer.service';
import { ExportsController } from './exports.controller';
import { ExportsProcessor } from './exports.processor';
import { ExportsRepository } from './exports.repository';
import { ExportsSchedule } from './exports.schedule';
import { ExportsService } from './exports.service';

@Module({})
export class ExportsModule {
  /** The API queues exports and serves their files; the worker writes, mails and expires them. */
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: ExportsModule,
      controllers: [ExportsController, AdminExportsController],
      providers: [ExportsService, ExportFileStore, ...(worker ? [ExportsRepository, ExportProducer, ExportsProcessor, ExportsSchedule] : [])],
    };
  }
}
