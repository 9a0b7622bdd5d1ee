import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { HealthDto, LivenessDto } from './health.dto';

const ALIVE: LivenessDto = { status: 'ok' };
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers HTTP. Touches no dependency, so a restart is never triggered by one. */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  getLiveness(): LivenessDto {
    return ALIVE;
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'down: load balancers should stop routing here' })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const health = await this.health.check();
    if (health.status === 'down') response.status(503);
    return health;
  }
}
