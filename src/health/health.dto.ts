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

export class QueueHealthDto {
  @ApiProperty({ description: 'Queue name', example: 'mail' })
  name: string;

  @ApiProperty({ description: 'Whether its counts could be read', enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Jobs waiting for a worker' })
  waiting?: number;

  @ApiPropertyOptional({ description: 'Jobs being processed' })
  active?: number;

  @ApiPropertyOptional({ description: 'Jobs waiting for a retry or their time' })
  delayed?: number;

  @ApiPropertyOptional({ description: 'Jobs that failed every attempt and are kept for inspection' })
  failed?: number;

  @ApiPropertyOptional({ description: 'Why the counts could not be read' })
  error?: string;
}

export class OutboxHealthDto {
  @ApiProperty({ description: 'Mail (and events) written by the API and not yet handed to the queue' })
  unsent: number;

  @ApiProperty({ description: 'Age in seconds of the oldest unsent message; null when none waits', type: Number, nullable: true })
  oldestUnsentSeconds: number | null;
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

  @ApiProperty({ description: 'Each Bull queue with its job counts', type: QueueHealthDto, isArray: true })
  queues: QueueHealthDto[];

  @ApiPropertyOptional({ description: 'The outbox backlog; absent when the database did not answer', type: OutboxHealthDto })
  outbox?: OutboxHealthDto;
}

export class ReadinessDto {
  @ApiProperty({ description: 'Always "ready" with 200; a server that is shutting down answers 503', enum: ['ready'] })
  status: 'ready';
}

export class LivenessDto {
  @ApiProperty({ description: 'Always "ok" while the process serves HTTP', enum: ['ok'] })
  status: 'ok';
}
