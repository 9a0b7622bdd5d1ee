import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import type { QueuedMail } from '../mail/mail-queue.service';
import { withinQueueTimeout } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue-names';
import { BATCH_SIZE, RelayPace } from './relay-pace';

/** Sent rows are kept this long for inspection, then deleted. */
export const SENT_RETENTION_DAYS = 7;
const PURGE_INTERVAL_MS = 3600_000;
/** A message Redis refused waits 2^attempts seconds before the next try, at most this long. */
const MAX_REFUSED_DELAY_SECONDS = 300;

interface ClaimedRow {
  id: string;
  dedupe_key: string;
  payload: QueuedMail;
}

/**
 * The worker's relay from the outbox table to Bull (R-HOOK-2, R-ROB-3). Each poll locks a batch of unsent
 * rows (`SKIP LOCKED`: several workers share the work), hands them to the mail queue with the row's dedupe
 * key as job id, and marks them sent in the same transaction once Redis took them. Delivery is at least
 * once: a worker that dies between the hand-over and the commit leaves the rows unsent, the next poll hands
 * them over again, and Bull ignores an add whose job id exists (completed mail jobs are kept long enough,
 * see QueuesModule). While Redis is down the rows wait and the relay retries with a growing pause.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pace = new RelayPace();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private nextPurgeAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Mail) private readonly mailQueue: Queue<QueuedMail>,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the database and Redis connections close: no new poll, and the one under way finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.poll().finally(() => (this.inFlight = undefined));
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let delayMs: number;
    try {
      const claimed = await this.relayBatch();
      const outcome = this.pace.handedOver(claimed, Date.now());
      if (outcome.recoveredAfterMs !== undefined) {
        this.logger.log(`Outbox messages reach the queue again after ${Math.round(outcome.recoveredAfterMs / 1000)} s`);
      }
      delayMs = outcome.delayMs;
      await this.purgeWhenDue();
    } catch (error) {
      const outcome = this.pace.failed(Date.now());
      if (outcome.outageStarted) {
        this.logger.warn(`Outbox messages cannot be handed to the queue (${(error as Error).message}); they wait in the outbox and are retried`);
      }
      delayMs = outcome.delayMs;
    }
    this.schedule(delayMs);
  }

  /**
   * One transaction: lock up to a batch of unsent mail, hand it to Bull, mark what Redis took as sent.
   * Throws (and so rolls back, leaving every row unsent) when Redis is not connected or does not answer.
   * Answers the number of rows claimed.
   */
  private async relayBatch(): Promise<number> {
    // Checked before touching the database, and so that no add waits in ioredis's offline queue.
    if (this.mailQueue.client.status !== 'ready') throw new Error(`Redis connection is ${this.mailQueue.client.status}`);
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, dedupe_key, payload FROM outbox_messages
         WHERE sent_at IS NULL AND topic = 'mail' AND available_at <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const jobs = await withinQueueTimeout(
        this.mailQueue.addBulk(rows.map((row) => ({ name: JobName.SendMail, data: row.payload, opts: { jobId: row.dedupe_key } }))),
      );
      // A job whose command failed inside Redis's transaction comes back without an id.
      const taken = rows.filter((_, i) => jobs[i]?.id !== undefined).map((row) => row.id);
      const refused = rows.filter((_, i) => jobs[i]?.id === undefined).map((row) => row.id);
      if (taken.length > 0) await manager.query(`UPDATE outbox_messages SET sent_at = now() WHERE id = ANY($1)`, [taken]);
      if (refused.length > 0) {
        this.logger.warn(`Redis refused ${refused.length} outbox message(s); each is retried after a pause`);
        await manager.query(
          `UPDATE outbox_messages
           SET attempts = attempts + 1, last_error = 'Redis refused the job',
               available_at = now() + make_interval(secs => least(2 ^ attempts, $2))
           WHERE id = ANY($1)`,
          [refused, MAX_REFUSED_DELAY_SECONDS],
        );
      }
      return rows.length;
    });
  }

  /** Hourly, by whichever worker gets there: deleting the same rows twice is harmless. */
  private async purgeWhenDue(): Promise<void> {
    if (Date.now() < this.nextPurgeAt) return;
    this.nextPurgeAt = Date.now() + PURGE_INTERVAL_MS;
    await this.dataSource.query(`DELETE FROM outbox_messages WHERE sent_at < now() - make_interval(days => $1)`, [SENT_RETENTION_DAYS]);
  }
}
