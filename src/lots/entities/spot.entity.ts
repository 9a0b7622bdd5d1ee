import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lot } from './lot.entity';

@Entity('spots')
// One live spot per number in a lot; archived spots keep their number for history (partial index in the migration).
@Index('spots_lot_number_active_key', { synchronize: false })
export class Spot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'boolean', default: false })
  outOfService: boolean;

  /** Set when a capacity decrease removed a spot that has history. */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
