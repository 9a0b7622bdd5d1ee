import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Booking } from './booking.entity';

export enum PaymentMethod {
  Card = 'card',
  Upi = 'upi',
  Cash = 'cash',
  Wallet = 'wallet',
}

/** The payments ledger (R-PAY-1): one payment per booking, enforced by the unique booking id. */
@Entity('payments')
@Unique('payments_booking_key', ['bookingId'])
@Check('payments_amount_positive', '"amount_cents" > 0')
@Index('payments_user_idx', ['userId'])
@Index('payments_created_idx', ['createdAt'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bookingId: string;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'integer' })
  amountCents: number;

  @Column({ type: 'enum', enum: PaymentMethod, enumName: 'payment_method' })
  method: PaymentMethod;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
