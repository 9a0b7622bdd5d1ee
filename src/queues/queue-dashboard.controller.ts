import { Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiNoStorage } from '../common/errors/api-errors.decorator';
import { AdminPageSessions } from '../common/guards/admin-page-sessions';
import { QUEUE_DASHBOARD } from './queue-dashboard';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/queue-dashboard/session')
export class QueueDashboardController {
  constructor(private readonly sessions: AdminPageSessions) {}

  /** Lets the admin's browser open /api/admin/queues: a 15-minute cookie valid for that path only. */
  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Open the queue dashboard: a short-lived cookie for /api/admin/queues' })
  @ApiNoStorage()
  @ApiNoContentResponse({ description: 'Sets the dashboard cookie; then open /api/admin/queues' })
  async openQueueDashboard(@CurrentUser() admin: AuthUser, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.open(admin, QUEUE_DASHBOARD, response);
  }
}
