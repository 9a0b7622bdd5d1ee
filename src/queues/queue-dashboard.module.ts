import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { QueueDashboardController } from './queue-dashboard.controller';

/** The operators' queue dashboard: its session endpoint here, the UI mounted by mountQueueDashboard. */
@Module({ imports: [AuthModule, UsersModule], controllers: [QueueDashboardController] })
export class QueueDashboardModule {}
