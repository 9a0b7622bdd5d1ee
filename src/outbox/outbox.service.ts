import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toQueuedMail } from '../mail/mail-queue.service';
import type { OutgoingMail } from '../mail/mail.service';
import type { OutboxTopic } from './entities/outbox-message.entity';

/**
 * The outbox INSERT, its values given as SQL expressions, so that a larger statement can write the row
 * itself (say, a CTE of the statement that makes the change, taking the key from its RETURNING: `from`
 * names the relations the expressions read, one row written per row of them). A key already present is
 * skipped: asking twice for the same message writes it once.
 */
export function outboxInsert(topic: string, dedupeKey: string, payload: string, from?: string): string {
  return `INSERT INTO outbox_messages (topic, dedupe_key, payload) SELECT ${topic}, ${dedupeKey}, ${payload}${from ? ` FROM ${from}` : ''}
          ON CONFLICT (dedupe_key) DO NOTHING`;
}

const MAIL_TOPIC: OutboxTopic = 'mail';
const INSERT = outboxInsert('$1', '$2', '$3::jsonb');

export interface OutboxBacklog {
  /** Messages not handed to Bull yet. */
  unsent: number;
  /** Seconds since the oldest of them was written; null when there is none. */
  oldestUnsentSeconds: number | null;
}

/**
 * The producer side of the transactional outbox (R-HOOK-2, R-ROB-3): a side effect is written in the
 * transaction of the change it reports, so it is sent exactly when the change commits, whether or not
 * Redis is reachable at that moment. The worker's OutboxRelay hands it to Bull.
 */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes `mail` on `manager` (the change's transaction; without one, on its own). `dedupeKey` names the
   * message for good (e.g. `booking-confirmation:<bookingId>`): it becomes the Bull job id, and a second
   * write with the same key is ignored.
   */
  async addMail(manager: EntityManager | undefined, mail: OutgoingMail, dedupeKey: string): Promise<void> {
    await (manager ?? this.dataSource.manager).query(INSERT, [MAIL_TOPIC, dedupeKey, JSON.stringify(toQueuedMail(mail))]);
  }

  /** How far the relay is behind: a growing backlog means Redis or the workers are missing. */
  async backlog(): Promise<OutboxBacklog> {
    const [row]: { unsent: number; oldest_unsent_seconds: number | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unsent, floor(extract(epoch FROM now() - min(created_at)))::int AS oldest_unsent_seconds
       FROM outbox_messages WHERE sent_at IS NULL`,
    );
    return { unsent: row.unsent, oldestUnsentSeconds: row.oldest_unsent_seconds };
  }
}
