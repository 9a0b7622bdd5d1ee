import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors, ApiNoStorage } from '../common/errors/api-errors.decorator';
import { DomainError } from '../common/errors/domain-error';
import { HealthDto, LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';
import { Readiness } from './readiness';

const ALIVE: LivenessDto = { status: 'ok' };
const READY: ReadinessDto = { status: 'ready' };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly readiness: Readiness,
  ) {}

  /** Liveness: the process answers HTTP. Touches no dependency, so a restart is never triggered by one. */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiNoStorage()
  @ApiOkResponse({ type: LivenessDto })
  getLiveness(): LivenessDto {
    return ALIVE;
  }

  /**
   * Readiness for load balancers: 503 from the moment the process is told to shut down, while it still
   * finishes what it was sent (R-OPS-4). Touches no dependency: /api/health reports those.
   */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: whether to send this server new requests' })
  @ApiNoStorage()
  @ApiOkResponse({ type: ReadinessDto })
  @ApiErrors('SERVICE_UNAVAILABLE')
  getReadiness(): ReadinessDto {
    if (!this.readiness.isReady) throw new DomainError('SERVICE_UNAVAILABLE', 'The server is shutting down; send requests elsewhere');
    return READY;
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Health of the database, Redis and the queues' })
  @ApiOkResponse({ type: HealthDto, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'down: load balancers should stop routing here' })
  async getHealth(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const health = await this.health.check();
    if (health.status === 'down') response.status(503);
    return health;
  }
}
