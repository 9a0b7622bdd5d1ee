import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { LotTariff } from './lot-tariff.entity';

@Entity('lots')
// 0 is a free band's rate in force (a tariff may have one); PATCH still asks 1–1,000,000 (R-LOT-1).
@Check('lots_price_range', '"price_per_hour_cents" BETWEEN 0 AND 1000000')
@Check('lots_capacity_range', '"capacity" BETWEEN 1 AND 5000')
// Names are unique ignoring case among lots that are not archived; the partial expression index is in the migration.
@Index('lots_name_active_key', { synchronize: false })
export class Lot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  postalCode: string | null;

  /**
   * What bookings snapshot as their hourly rate until they are priced by tariff version: the rate in force
   * when the tariff was last written. The lot's `pricePerHourCents` is read from the current tariff instead.
   */
  @Column({ type: 'integer' })
  pricePerHourCents: number;

  /** IANA zone of the current tariff's wall-clock times (R-TARIFF-1); the service sets it, APP_TIMEZONE by default. */
  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  /**
   * The tariff version new bookings get. A database trigger writes version 1 with every new lot (from its
   * price and zone), so the reference to lot_tariffs is checked at commit, once both rows exist.
   */
  @Column({ type: 'integer', default: 1 })
  currentTariffVersion: number;

  @ManyToOne(() => LotTariff, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn([
    { name: 'id', referencedColumnName: 'lotId', foreignKeyConstraintName: 'FK_lots_current_tariff' },
    { name: 'current_tariff_version', referencedColumnName: 'version', foreignKeyConstraintName: 'FK_lots_current_tariff' },
  ])
  currentTariff?: Relation<LotTariff>;

  /** Number of spots that are not archived; kept equal to them by the capacity change itself. */
  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
