import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { Tariff } from '../../pricing/tariff';
import { User } from '../../users/entities/user.entity';
import { Lot } from './lot.entity';

/**
 * One version of a lot's tariff (R-TARIFF-1, 2): immutable once written. A change writes the next version
 * (1, 2, 3… per lot), so every booking can keep pricing with the version it was made under.
 */
@Entity('lot_tariffs')
@Check('lot_tariffs_version_positive', '"version" >= 1')
export class LotTariff {
  @PrimaryColumn({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'FK_lot_tariffs_lot' })
  lot?: Relation<Lot>;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The whole tariff, its time zone included: a version prices the same whatever the lot becomes. */
  @Column({ type: 'jsonb' })
  tariff: Tariff;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The admin who wrote it; null for versions written by the migration to tariffs. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_lot_tariffs_created_by' })
  creator?: Relation<User>;
}
