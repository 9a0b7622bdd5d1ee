import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Booking } from './booking.entity';

/** R-REV-1: one review per completed booking, enforced by the unique booking id. */
@Entity('reviews')
@Unique('reviews_booking_key', ['bookingId'])
@Check('reviews_rating_range', '"rating" BETWEEN 1 AND 5')
@Index('reviews_lot_created_idx', ['lotId', 'createdAt'])
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bookingId: string;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
