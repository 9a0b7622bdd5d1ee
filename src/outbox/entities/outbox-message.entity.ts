import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** What a message carries and where the relay hands it: `mail` to the mail queue (later `webhook`). */
export type OutboxTopic = 'mail';

/**
 * A side effect of a change (a mail, later a webhook event), written in the change's own transaction and
 * handed to Bull by the worker's relay (R-HOOK-2, R-ROB-3). `dedupeKey` is also the Bull job id, so handing
 * the same message over twice queues it once.
 */
@Entity('outbox_messages')
@Unique('outbox_messages_dedupe_key', ['dedupeKey'])
// The relay's poll reads the unsent rows in order; they are few, so the index stays small.
@Index('outbox_messages_unsent_idx', ['id'], { where: `"sent_at" IS NULL` })
// The purge of sent rows past their retention.
@Index('outbox_messages_sent_at_idx', ['sentAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  topic: OutboxTopic;

  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Not handed over before this time: set back when Redis refused the message. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Hand-overs Redis refused (a whole batch lost to an outage is retried without counting). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
