import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_PAGE_SIZE, PageOf, PageQueryDto } from '../../common/pagination';
import { BooleanQuery, IntQuery, IsIsoDateTimeWithOffset, Trim } from '../../common/validation/validators';
import { BookingType } from '../../bookings/entities/booking.entity';

/** R-SPOT-1: what a spot is doing now, in priority order occupied > reserved > outOfService > available. */
import { SpotStatus } from '../../occupancy/occupancy.sql';

export { SpotStatus };

/**
 * One definition per lot field (R-LOT-1), used by create (required) and update (optional). An optional
 * field may be left out but not sent as null: null would reach a NOT NULL column instead of a 400.
 */
function LotField(optional: boolean, api: ApiPropertyOptions, ...rules: PropertyDecorator[]): PropertyDecorator {
  return optional
    ? applyDecorators(ApiPropertyOptional(api), ValidateIf((_object, value) => value !== undefined), ...rules)
    : applyDecorators(ApiProperty(api), ...rules);
}

const lotName = (optional = false) =>
  LotField(optional, { description: 'Name, unique among lots that are not archived, ignoring case', minLength: 1, maxLength: 100, example: 'Central Garage' }, Trim(), IsString(), Length(1, 100));
const lotAddress = (optional = false) =>
  LotField(optional, { description: 'Street address', minLength: 1, maxLength: 200, example: '12 Market Street' }, Trim(), IsString(), Length(1, 200));
const lotPrice = (optional = false) =>
  LotField(optional, { description: 'Price per started hour, in minor units of the currency', minimum: 1, maximum: 1_000_000, example: 250 }, IsInt(), Min(1), Max(1_000_000));
const lotCapacity = (optional = false) =>
  LotField(optional, { description: 'Number of spots; they are numbered 1..capacity', minimum: 1, maximum: 5000, example: 120 }, IsInt(), Min(1), Max(5000));

/** Postal codes are optional; null or an empty string clears one. */
const PostalCode = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Postal code; null or empty clears it', maxLength: 12, nullable: true, type: String, example: '10115' }),
    IsOptional(),
    Trim(),
    IsString(),
    MaxLength(12),
  );

export class CreateLotDto {
  @lotName()
  name: string;

  @lotAddress()
  address: string;

  @PostalCode()
  postalCode?: string | null;

  @lotPrice()
  pricePerHourCents: number;

  @lotCapacity()
  capacity: number;
}

/** Any subset of the lot's fields, at least one (the service refuses an empty change). */
export class UpdateLotDto {
  @lotName(true)
  name?: string;

  @lotAddress(true)
  address?: string;

  @PostalCode()
  postalCode?: string | null;

  @lotPrice(true)
  pricePerHourCents?: number;

  @lotCapacity(true)
  capacity?: number;
}

export class ListLotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches name, address or postal code (case-insensitive, substring)', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'Admins only: also list archived lots', type: Boolean, default: false })
  @IsOptional()
  @BooleanQuery()
  includeArchived?: boolean;
}

/** A lot with its spots' state as of now (R-LOT-5). */
export class LotDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Name', example: 'Central Garage' })
  name: string;

  @ApiProperty({ description: 'Street address', example: '12 Market Street' })
  address: string;

  @ApiProperty({ description: 'Postal code', nullable: true, type: String, example: '10115' })
  postalCode: string | null;

  @ApiProperty({ description: 'Price per hour for new bookings, in minor units', example: 250 })
  pricePerHourCents: number;

  @ApiProperty({ description: 'ISO 4217 currency of every amount', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Number of spots (archived spots excluded)', example: 120 })
  capacity: number;

  @ApiProperty({ description: 'Spots free right now: capacity − occupied − reserved − outOfService', example: 80 })
  available: number;

  @ApiProperty({ description: 'Spots with a vehicle parked (an active booking)', example: 30 })
  occupied: number;

  @ApiProperty({ description: 'Spots whose reservation window contains now, not yet checked in', example: 8 })
  reserved: number;

  @ApiProperty({ description: 'Spots taken out of service by an admin (and not occupied or reserved)', example: 2 })
  outOfService: number;

  @ApiProperty({
    description:
      'Spots park now could take at this moment (R-BOOK-1): free, and no reservation of the spot starts within PARK_NOW_MIN_FREE_MINUTES',
    example: 64,
  })
  parkNowSpots: number;

  @ApiProperty({ description: 'Occupied spots whose car stays past its planned end (R-OCC-2)', example: 1 })
  overstays: number;

  @ApiProperty({ description: 'Average review rating, 1–5, two decimals; null without reviews', nullable: true, type: Number, example: 4.25 })
  averageRating: number | null;

  @ApiProperty({ description: 'Number of reviews', example: 12 })
  reviewCount: number;

  @ApiProperty({ description: 'Whether the lot is archived (admins only ever see archived lots)' })
  archived: boolean;

  @ApiProperty({ description: 'When the lot was archived', nullable: true, type: String, format: 'date-time' })
  archivedAt: string | null;

  @ApiProperty({ description: 'When the lot was created', format: 'date-time' })
  createdAt: string;
}

export const LotPageDto = PageOf(LotDto, 'LotPage');

/** Who holds an occupied or reserved spot (admins only, R-SPOT-1). */
export class SpotOccupancyDto {
  @ApiProperty({ description: 'The booking holding the spot', format: 'uuid' })
  bookingId: string;

  @ApiProperty({ description: 'The driver', format: 'uuid' })
  userId: string;

  @ApiProperty({ description: "The driver's username" })
  username: string;

  @ApiProperty({ description: 'Vehicle registration, normalised', example: 'AB1234' })
  vehicleNumber: string;

  @ApiProperty({ description: 'Park-now or reservation', enum: BookingType, enumName: 'BookingType' })
  type: BookingType;

  @ApiProperty({ description: 'Since when: the check-in of a checked-in reservation, else the start', format: 'date-time' })
  since: string;

  @ApiProperty({ description: 'End of the reservation window; null for park-now', nullable: true, type: String, format: 'date-time' })
  endAt: string | null;

  @ApiProperty({ description: 'Cost so far, in minor units', example: 375 })
  costCents: number;

  @ApiProperty({ description: 'The car stays past its planned end (R-OCC-2): the window of a reservation, the `mustLeaveBy` of a park-now booking' })
  overstay: boolean;

  @ApiProperty({ description: 'Minutes past the planned end, started minutes counted; 0 when not overstaying', example: 0 })
  overstayMinutes: number;

  @ApiProperty({ description: 'Park now only: when a reservation of this spot starts, so the car must leave by then; null when none follows', nullable: true, type: String, format: 'date-time' })
  mustLeaveBy: string | null;
}

export class SpotDto {
  @ApiProperty({ description: 'Spot id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Spot number within the lot, from 1', example: 17 })
  number: number;

  @ApiProperty({ description: 'What the spot is doing now', enum: SpotStatus, enumName: 'SpotStatus' })
  status: SpotStatus;

  @ApiProperty({ description: 'Whether an admin took the spot out of service' })
  outOfService: boolean;

  @ApiProperty({ description: 'Occupied by a car that stays past its planned end (R-OCC-2)' })
  overstay: boolean;

  @ApiPropertyOptional({
    description:
      'Admins only: a car is on the spot or a reservation of it has not ended (R-SPOT-2), so it cannot be taken out of service (409 SPOT_IN_USE) until none is left',
  })
  hasActiveOrUpcomingBooking?: boolean;

  @ApiPropertyOptional({
    description: "Admins only: when the spot's next reservation starts (already begun when its window contains now); null when none is ahead",
    nullable: true,
    type: String,
    format: 'date-time',
  })
  nextReservationAt?: string | null;

  @ApiPropertyOptional({ description: 'Admins only: who holds an occupied or reserved spot', type: SpotOccupancyDto })
  current?: SpotOccupancyDto;
}

export const SpotPageDto = PageOf(SpotDto, 'SpotPage');

export class ListSpotsQueryDto extends PageQueryDto {
  // A lot's spots are usually shown whole, so a page is as large as allowed by default.
  @ApiPropertyOptional({ description: 'Items per page', minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE })
  @IsOptional()
  @IntQuery(1, MAX_PAGE_SIZE)
  override pageSize: number = MAX_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'Only spots in this state', enum: SpotStatus, enumName: 'SpotStatus' })
  @IsOptional()
  @IsIn(Object.values(SpotStatus))
  status?: SpotStatus;
}

export class UpdateSpotDto {
  @ApiProperty({ description: 'True takes the spot out of service (refused while it has an active or upcoming booking)' })
  @IsBoolean()
  outOfService: boolean;
}

export class AvailabilityQueryDto {
  @ApiProperty({ description: 'Window start, ISO-8601 with an offset', format: 'date-time', example: '2026-11-22T09:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  startAt: string;

  @ApiProperty({ description: 'Window end (exclusive), ISO-8601 with an offset', format: 'date-time', example: '2026-11-22T11:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  endAt: string;
}

export class AvailabilityDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Window start', format: 'date-time' })
  startAt: string;

  @ApiProperty({ description: 'Window end', format: 'date-time' })
  endAt: string;

  @ApiProperty({ description: 'Spots free over the whole window (in service, no overlapping booking, nobody parked)', example: 42 })
  available: number;

  @ApiProperty({ description: 'Number of spots of the lot', example: 120 })
  capacity: number;

  @ApiProperty({ description: 'What a reservation of this window costs at the current price, in minor units', example: 500 })
  estimatedCostCents: number;

  @ApiProperty({ description: 'ISO 4217 currency', example: 'USD' })
  currency: string;
}
