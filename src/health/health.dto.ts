import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentHealthDto {
  @ApiProperty({ description: 'Whether the component answered', enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ description: 'How long the check took, in milliseconds' })
  latencyMs: number;

  @ApiPropertyOptional({ description: 'Why the component is down' })
  error?: string;
}

export class HealthChecksDto {
  @ApiProperty({ description: 'PostgreSQL', type: ComponentHealthDto })
  database: ComponentHealthDto;

  @ApiProperty({ description: 'Redis (queues, cache, rate limits)', type: ComponentHealthDto })
  redis: ComponentHealthDto;
}

export class HealthDto {
  @ApiProperty({
    description: 'ok: all up; degraded: Redis down (no cache, no queued work); down: the database is unreachable',
    enum: ['ok', 'degraded', 'down'],
  })
  status: 'ok' | 'degraded' | 'down';

  @ApiProperty({ description: 'Seconds since the process started' })
  uptimeSeconds: number;

  @ApiProperty({ description: 'Each dependency', type: HealthChecksDto })
  checks: HealthChecksDto;
}
