import { DynamicModule, Module } from '@nestjs/common';
import { AdminJobsController } from './admin-jobs.controller';
import { MonthlyRecipients } from './monthly-recipients';
import { RemindersService } from './reminders.service';
import { ReportQueue } from './report-queue.service';
import { ReportsProcessor } from './reports.processor';
import { ReportsRepository } from './reports.repository';
import { ReportsSchedule } from './reports.schedule';
import { ReportsService } from './reports.service';

/**
 * Reminders, daily and monthly reports (R-JOB-2..4, 6, 7).
 * Every process can enqueue (admin triggers) and preview a run; only the worker runs the schedules and the processor.
 */
@Module({})
export class ReportsModule {
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [AdminJobsController],
      // The API answers the monthly run's preview, so it reads recipients too.
      providers: [ReportQueue, ReportsRepository, MonthlyRecipients, ...(worker ? [ReportsService, RemindersService, ReportsProcessor, ReportsSchedule] : [])],
    };
  }
}
