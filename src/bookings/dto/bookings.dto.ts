import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageOf, PageQueryDto } from '../../common/pagination';
import { BooleanQuery, IsIsoDateTimeWithOffset, Trim } from '../../common/validation/validators';
import { BookingStatus, BookingType } from '../entities/booking.entity';
import { PaymentMethod } from '../entities/payment.entity';
import { normaliseVehicleNumber, VEHICLE_NUMBER_PATTERN } from '../vehicle-number';

const VEHICLE_MESSAGE = '$property must be 4–12 letters and digits (spaces and hyphens are ignored)';

export class CreateBookingDto {
  @ApiProperty({ description: 'The lot to park in', format: 'uuid' })
  @IsUUID()
  lotId: string;

  @ApiProperty({ description: 'Vehicle number; upper-cased, spaces and hyphens removed, then 4–12 letters/digits', example: 'KA-01 AB 1234' })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseVehicleNumber(value) : value))
  @IsString()
  @Matches(VEHICLE_NUMBER_PATTERN, { message: VEHICLE_MESSAGE })
  vehicleNumber: string;

  @ApiPropertyOptional({ description: '`instant` (park now, the default) or `reserved` (a window)', enum: BookingType, enumName: 'BookingType' })
  @IsOptional()
  @IsIn(Object.values(BookingType))
  type?: BookingType;

  @ApiPropertyOptional({ description: 'Start of the reserved window, with an offset (reservations only)', example: '2026-11-23T09:00:00+01:00' })
  @ValidateIf((dto: CreateBookingDto) => dto.type === BookingType.Reserved || dto.startAt !== undefined)
  @IsIsoDateTimeWithOffset()
  startAt?: string;

  @ApiPropertyOptional({ description: 'End of the reserved window, with an offset (reservations only)', example: '2026-11-23T11:00:00+01:00' })
  @ValidateIf((dto: CreateBookingDto) => dto.type === BookingType.Reserved || dto.endAt !== undefined)
  @IsIsoDateTimeWithOffset()
  endAt?: string;

  @ApiPropertyOptional({
    description: 'A quote of the caller for this lot and window (POST /quotes, R-QUOTE-2): the reservation is priced as quoted, even if the tariff changed since',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  quoteId?: string;
}

export class BookingDto {
  @ApiProperty({ description: 'Booking id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The driver who booked', format: 'uuid' })
  userId: string;

  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Lot name' })
  lotName: string;

  @ApiProperty({ description: 'Allocated spot id', format: 'uuid' })
  spotId: string;

  @ApiProperty({ description: 'Allocated spot number within the lot' })
  spotNumber: number;

  @ApiProperty({ description: 'Normalised vehicle number', example: 'KA01AB1234' })
  vehicleNumber: string;

  @ApiProperty({ description: 'instant (park now) or reserved (a window)', enum: BookingType, enumName: 'BookingType' })
  type: BookingType;

  @ApiProperty({ description: 'Lifecycle state', enum: BookingStatus, enumName: 'BookingStatus' })
  status: BookingStatus;

  @ApiProperty({ description: 'Start: when parking began, or the reserved window start', format: 'date-time' })
  startAt: string;

  @ApiProperty({ description: 'End of the reserved window; null for park-now', format: 'date-time', nullable: true, type: String })
  endAt: string | null;

  @ApiProperty({ description: 'When a reservation was checked in', format: 'date-time', nullable: true, type: String })
  checkedInAt: string | null;

  @ApiProperty({ description: 'When the spot was released', format: 'date-time', nullable: true, type: String })
  releasedAt: string | null;

  @ApiProperty({ description: 'Hourly rate stored at booking time, minor units' })
  ratePerHourCents: number;

  @ApiProperty({
    description:
      "The lot's tariff version the booking is priced with (R-TARIFF-2; GET /lots/{id}/tariff?version=); null for a booking made before tariffs, priced at its ratePerHourCents",
    type: 'integer',
    nullable: true,
    example: 2,
  })
  tariffVersion: number | null;

  @ApiProperty({ description: 'Cost in minor units: final once completed or expired, the cost so far while active, 0 before' })
  costCents: number;

  @ApiProperty({ description: 'For a reservation, the price of its window; null for park-now', nullable: true, type: Number })
  estimatedCostCents: number | null;

  @ApiProperty({
    description:
      'A reservation’s price of its window, fixed when it was made (R-QUOTE-2: its quote’s total when booked with one); null for park-now and for reservations made before quoted prices',
    type: 'integer',
    nullable: true,
    example: 550,
  })
  quotedCents: number | null;

  @ApiProperty({ description: 'ISO 4217 currency of the amounts', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Whether a payment is recorded' })
  paid: boolean;

  @ApiProperty({ description: 'Whether the driver has reviewed the lot for this booking (R-REV-1: once per booking)' })
  reviewed: boolean;

  @ApiProperty({ description: 'Why an admin force-released it', nullable: true, type: String })
  releaseReason: string | null;

  @ApiProperty({ description: 'When the booking was made', format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    description:
      'Park now only: a reservation of this spot starts then, so the car must leave by it (staying longer is an overstay, R-BOOK-1); null when none follows',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  mustLeaveBy: string | null;

  @ApiProperty({ description: 'Started minutes past the planned end (the window, or mustLeaveBy): an overstay (R-OCC-2); 0 when none', example: 0 })
  overstayMinutes: number;

  @ApiProperty({ description: 'The spot this reservation was moved away from because a car overstayed on it (R-OCC-3); null when never moved', nullable: true, type: Number })
  reseatedFromSpotNumber: number | null;
}

export class AdminBookingDto extends BookingDto {
  @ApiProperty({ description: 'Username of the driver' })
  username: string;
}

export const BookingPageDto = PageOf(BookingDto, 'BookingPage');
export const AdminBookingPageDto = PageOf(AdminBookingDto, 'AdminBookingPage');

export class ListBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only bookings in this state', enum: BookingStatus, enumName: 'BookingStatus' })
  @IsOptional()
  @IsIn(Object.values(BookingStatus))
  status?: BookingStatus;

  @ApiPropertyOptional({ description: 'Only bookings in this lot', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  lotId?: string;

  @ApiPropertyOptional({ description: 'Only bookings starting at or after this time', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsIsoDateTimeWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'Only bookings starting before this time', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsIsoDateTimeWithOffset()
  to?: string;
}

export class AdminListBookingsQueryDto extends ListBookingsQueryDto {
  @ApiPropertyOptional({ description: 'Only bookings of this driver', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Only this vehicle (normalised before matching)', example: 'KA01AB1234' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normaliseVehicleNumber(value) : value))
  @Matches(VEHICLE_NUMBER_PATTERN, { message: VEHICLE_MESSAGE })
  vehicleNumber?: string;

  @ApiPropertyOptional({ description: 'Only cars staying past their planned end now (R-OCC-2)', type: Boolean, default: false })
  @IsOptional()
  @BooleanQuery()
  overstaying?: boolean;
}

export class ForceReleaseDto {
  @ApiProperty({ description: 'Why the admin releases the booking; kept on the booking', example: 'Vehicle towed' })
  @Trim()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class PayBookingDto {
  @ApiProperty({ description: 'How the driver paid (recorded only; no gateway)', enum: PaymentMethod, enumName: 'PaymentMethod' })
  @IsIn(Object.values(PaymentMethod))
  method: PaymentMethod;
}

export class PaymentDto {
  @ApiProperty({ description: 'Payment id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The paid booking', format: 'uuid' })
  bookingId: string;

  @ApiProperty({ description: 'Amount paid, minor units (the booking cost)' })
  amountCents: number;

  @ApiProperty({ description: 'ISO 4217 currency', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Payment method', enum: PaymentMethod, enumName: 'PaymentMethod' })
  method: PaymentMethod;

  @ApiProperty({ description: 'When it was paid', format: 'date-time' })
  createdAt: string;
}

export class ReviewBookingDto {
  @ApiProperty({ description: 'Rating of the lot, 1–5', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ description: 'Comment, up to 1000 characters' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ReviewDto {
  @ApiProperty({ description: 'Review id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The reviewed booking', format: 'uuid' })
  bookingId: string;

  @ApiProperty({ description: 'The reviewed lot', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Username of the reviewer' })
  username: string;

  @ApiProperty({ description: 'Rating, 1–5' })
  rating: number;

  @ApiProperty({ description: 'Comment', nullable: true, type: String })
  comment: string | null;

  @ApiProperty({ description: 'When it was written', format: 'date-time' })
  createdAt: string;
}

export const ReviewPageDto = PageOf(ReviewDto, 'ReviewPage');

export class BookingSummaryDto {
  @ApiProperty({ description: 'Sum of unpaid costs of completed and expired bookings, minor units' })
  outstandingCents: number;

  @ApiProperty({ description: 'Number of bookings awaiting payment' })
  unpaidCount: number;

  @ApiProperty({ description: 'Bookings parked right now' })
  activeCount: number;

  @ApiProperty({ description: 'Reservations not yet checked in' })
  upcomingCount: number;

  @ApiProperty({ description: 'ISO 4217 currency', example: 'USD' })
  currency: string;
}
