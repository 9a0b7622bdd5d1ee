import { Module } from '@nestjs/common';
import { QueueDashboardController } from './queue-dashboard.controller';

/** The operators' queue dashboard: its session endpoint here, the UI mounted by mountQueueDashboard. */
@Module({ controllers: [QueueDashboardController] })
export class QueueDashboardModule {}
