import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import { EVERY_QUEUE } from '../queues/queues.module';
import { REDIS } from '../redis/redis.module';
import { ComponentHealthDto, HealthDto, QueueHealthDto } from './health.dto';

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

async function probe(check: () => Promise<unknown>): Promise<ComponentHealthDto> {
  const started = performance.now();
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/**
 * R-OPS-2. The database is essential (down → the service is down); Redis only degrades it: requests
 * still work without cache or rate limits, but queued work waits.
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outbox: OutboxService,
    @Inject(EVERY_QUEUE) private readonly queues: Queue[],
  ) {}

  async check(): Promise<HealthDto> {
    const [database, redis, queues, outbox] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
      Promise.all(this.queues.map((queue) => this.queueHealth(queue))),
      // A growing backlog with Redis up means no worker relays it.
      withTimeout(this.outbox.backlog(), CHECK_TIMEOUT_MS).catch(() => undefined),
    ]);
    const status = database.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    return { status, uptimeSeconds: Math.round(process.uptime()), checks: { database, redis }, queues, outbox };
  }

  /** Waiting and failed counts tell an operator whether the workers keep up and what needs a look. */
  private async queueHealth(queue: Queue): Promise<QueueHealthDto> {
    try {
      const counts = await withTimeout(queue.getJobCounts(), CHECK_TIMEOUT_MS);
      return { name: queue.name, status: 'up', waiting: counts.waiting, active: counts.active, delayed: counts.delayed, failed: counts.failed };
    } catch (error) {
      return { name: queue.name, status: 'down', error: (error as Error).message };
    }
  }
}
