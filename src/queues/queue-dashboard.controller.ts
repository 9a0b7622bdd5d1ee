import { Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { DASHBOARD_AUDIENCE, DASHBOARD_COOKIE, DASHBOARD_PATH } from './queue-dashboard';

const SESSION_SECONDS = 15 * 60;

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/queue-dashboard/session')
export class QueueDashboardController {
  constructor(private readonly jwt: JwtService) {}

  /** Lets the admin's browser open /api/admin/queues: a 15-minute cookie valid for that path only. */
  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Sets the dashboard cookie; then open /api/admin/queues' })
  async openQueueDashboard(@CurrentUser() admin: AuthUser, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = await this.jwt.signAsync({ sub: admin.id, role: admin.role }, { audience: DASHBOARD_AUDIENCE, expiresIn: SESSION_SECONDS });
    response.cookie(DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: response.req.secure,
      path: DASHBOARD_PATH,
      maxAge: SESSION_SECONDS * 1000,
    });
  }
}
