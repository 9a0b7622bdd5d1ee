import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('lots')
@Check('lots_price_range', '"price_per_hour_cents" BETWEEN 1 AND 1000000')
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

  @Column({ type: 'integer' })
  pricePerHourCents: number;

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
