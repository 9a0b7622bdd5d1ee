import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { LotTariff } from '../../lots/entities/lot-tariff.entity';
import { Lot } from '../../lots/entities/lot.entity';
import { Spot } from '../../lots/entities/spot.entity';
import { User } from '../../users/entities/user.entity';

export enum BookingType {
  Instant = 'instant',
  Reserved = 'reserved',
}

export enum BookingStatus {
  Reserved = 'reserved',
  Active = 'active',
  Completed = 'completed',
  Cancelled = 'cancelled',
  Expired = 'expired',
}

/**
 * The time a booking plans to hold its spot and vehicle (R-BOOK-8, R-OCC-1), derived by PostgreSQL from the
 * booking itself so it can never disagree with it: a park-now booking plans [start, release), open-ended
 * while active unless a reservation follows on its spot (`mustLeaveBy`); a reservation plans its window,
 * from `spotHeldFrom` when it was re-seated, cut short by an early release. An overstaying car stays past
 * its period: the active-spot and active-vehicle unique indexes say it is still there.
 */
export const PERIOD_EXPRESSION = `CASE WHEN "type" = 'instant'
  THEN tstzrange("start_at", GREATEST("start_at", LEAST(COALESCE("released_at", 'infinity'), COALESCE("must_leave_by", 'infinity'))))
  ELSE tstzrange(COALESCE("spot_held_from", "start_at"), GREATEST(COALESCE("spot_held_from", "start_at"), LEAST(COALESCE("released_at", "end_at"), "end_at"))) END`;

/**
 * The time a booking actually holds (or held) its spot, overstay included: open-ended while active, to the
 * release once completed, the window for a reservation or a no-show, nothing when cancelled. The analytics
 * count parked time with it.
 */
export const HELD_EXPRESSION = `CASE WHEN "status" = 'cancelled' THEN 'empty'::tstzrange
  WHEN "status" = 'active' THEN tstzrange(COALESCE("spot_held_from", "start_at"), NULL)
  ELSE tstzrange(COALESCE("spot_held_from", "start_at"), GREATEST(COALESCE("spot_held_from", "start_at"), COALESCE("released_at", "end_at", "start_at"))) END`;

/** R-BOOK-8: the database itself refuses two live bookings of one spot, or of one vehicle, that overlap. */
@Entity('bookings')
@Exclusion('bookings_spot_no_overlap', `USING gist ("spot_id" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled')`)
@Exclusion('bookings_vehicle_no_overlap', `USING gist ("vehicle_number" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled')`)
@Check('bookings_window_by_type', `("type" = 'instant' AND "end_at" IS NULL) OR ("type" = 'reserved' AND "end_at" > "start_at")`)
@Check('bookings_vehicle_number_format', `"vehicle_number" ~ '^[A-Z0-9]{4,12}$'`)
@Check('bookings_cost_not_negative', `"cost_cents" >= 0`)
@Check('bookings_must_leave_by_instant', `"must_leave_by" IS NULL OR ("type" = 'instant' AND "must_leave_by" > "start_at")`)
@Index('bookings_user_start_idx', ['userId', 'startAt'])
@Index('bookings_lot_start_idx', ['lotId', 'startAt'])
// Covering (INCLUDE status, held) for the analytics' index-only scans: defined in a migration.
@Index('bookings_start_idx', { synchronize: false })
// Spot history checks and the foreign-key check when a capacity decrease deletes spots.
@Index('bookings_spot_start_idx', ['spotId', 'startAt'])
// Revenue by the time money was charged (release, or the end of an expired window); a covering expression
// index, defined in a migration.
@Index('bookings_ended_idx', { synchronize: false })
@Index('bookings_live_spot_idx', ['spotId'], { where: `"status" IN ('reserved', 'active')` })
// A vehicle is parked in one place at a time. The exclusion constraint cannot say it for a checked-in
// reservation overstaying its window (its period ends with the window), so this does; it is also what the
// allocation's "is this vehicle parked?" probe reads.
@Index('bookings_active_vehicle_key', ['vehicleNumber'], { unique: true, where: `"status" = 'active'` })
// R-OCC-1: a spot holds one car, also while it overstays its period.
@Index('bookings_active_spot_key', ['spotId'], { unique: true, where: `"status" = 'active'` })
// The re-seat sweep (reservations starting soon) and the ending-soon mail (active ones ending soon).
@Index('bookings_upcoming_start_idx', ['startAt'], { where: `"status" = 'reserved'` })
@Index('bookings_active_end_idx', ['endAt'], { where: `"status" = 'active'` })
// The driver-limit trigger (R-LIMIT-1) counts a driver's live bookings by this index.
@Index('bookings_user_live_idx', ['userId', 'status'], { where: `"status" IN ('reserved', 'active')` })
@Index('bookings_live_lot_idx', ['lotId'], { where: `"status" IN ('reserved', 'active')` })
@Index('bookings_due_reservations_idx', ['endAt'], { where: `"status" = 'reserved'` })
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @Column({ type: 'uuid' })
  spotId: string;

  @ManyToOne(() => Spot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'spot_id' })
  spot?: Spot;

  @Column({ type: 'varchar', length: 12 })
  vehicleNumber: string;

  @Column({ type: 'enum', enum: BookingType, enumName: 'booking_type' })
  type: BookingType;

  @Column({ type: 'enum', enum: BookingStatus, enumName: 'booking_status' })
  status: BookingStatus;

  @Column({ type: 'timestamptz' })
  startAt: Date;

  /** End of a reservation's window; null for park-now bookings. */
  @Column({ type: 'timestamptz', nullable: true })
  endAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  /** The lot's price when the booking was made (R-LOT-3). */
  @Column({ type: 'integer' })
  ratePerHourCents: number;

  /**
   * The lot's tariff version the booking is priced with (R-TARIFF-2): every new booking names one. Null
   * only for bookings made before tariffs existed, which are priced at their own `ratePerHourCents`.
   */
  @Column({ type: 'integer', nullable: true })
  tariffVersion: number | null;

  @ManyToOne(() => LotTariff, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'lot_id', referencedColumnName: 'lotId', foreignKeyConstraintName: 'FK_bookings_tariff' },
    { name: 'tariff_version', referencedColumnName: 'version', foreignKeyConstraintName: 'FK_bookings_tariff' },
  ])
  tariff?: Relation<LotTariff>;

  /**
   * A reservation's price of its window, fixed when it is made (R-QUOTE-2): from its quote when booked with
   * one, else priced then under `tariffVersion`. Null for park now and for reservations made before.
   */
  @Column({ type: 'integer', nullable: true })
  quotedCents: number | null;

  /** Final cost once completed, expired or cancelled; null while it can still change. */
  @Column({ type: 'integer', nullable: true })
  costCents: number | null;

  /** Set when an admin force-released the booking. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  releaseReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  releasedBy: string | null;

  /** R-BOOK-1: a park-now booking taken before a later reservation of its spot must leave by its start. */
  @Column({ type: 'timestamptz', nullable: true })
  mustLeaveBy: Date | null;

  /** R-OCC-3: when a re-seated reservation began to hold its current spot (its period starts there). */
  @Column({ type: 'timestamptz', nullable: true })
  spotHeldFrom: Date | null;

  /** R-OCC-3: the spot a reservation was moved away from, because a car overstayed on it. */
  @Column({ type: 'uuid', nullable: true })
  reseatedFromSpotId: string | null;

  @ManyToOne(() => Spot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reseated_from_spot_id', foreignKeyConstraintName: 'FK_bookings_reseated_from_spot' })
  reseatedFromSpot?: Spot;

  /** R-OCC-3: no spot was free to re-seat it; cancelling it (or its expiry) then costs nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  reseatFailedAt: Date | null;

  /** R-OCC-4: the "ending in 15 minutes" reminder went out. */
  @Column({ type: 'timestamptz', nullable: true })
  endingSoonMailedAt: Date | null;

  /** R-OCC-2: the driver was told the stay became an overstay. */
  @Column({ type: 'timestamptz', nullable: true })
  overstayMailedAt: Date | null;

  @Column({ type: 'tstzrange', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: PERIOD_EXPRESSION })
  period?: string;

  @Column({ type: 'tstzrange', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: HELD_EXPRESSION })
  held?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
