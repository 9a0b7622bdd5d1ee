import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { LotTariff } from '../../lots/entities/lot-tariff.entity';
import { Lot } from '../../lots/entities/lot.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A price given for a window (R-QUOTE-1), kept so that a booking made with it (R-QUOTE-2) is priced with
 * the same tariff version and total even if the tariff changed since. Valid until `expiresAt`.
 */
@Entity('quotes')
@Check('quotes_window_order', '"end_at" > "start_at"')
@Check('quotes_total_not_negative', '"total_cents" >= 0')
@Index('quotes_expires_at_idx', ['expiresAt'])
export class Quote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Who asked: only they may book with it. */
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_quotes_user' })
  user?: Relation<User>;

  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'FK_quotes_lot' })
  lot?: Relation<Lot>;

  @Column({ type: 'integer' })
  tariffVersion: number;

  @ManyToOne(() => LotTariff, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'lot_id', referencedColumnName: 'lotId', foreignKeyConstraintName: 'FK_quotes_tariff' },
    { name: 'tariff_version', referencedColumnName: 'version', foreignKeyConstraintName: 'FK_quotes_tariff' },
  ])
  tariff?: Relation<LotTariff>;

  @Column({ type: 'timestamptz' })
  startAt: Date;

  @Column({ type: 'timestamptz' })
  endAt: Date;

  @Column({ type: 'integer' })
  totalCents: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
