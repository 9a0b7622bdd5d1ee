import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE_SIZE, PageOf, PageQueryDto } from '../../common/pagination';
import { BooleanQuery, IntQuery, IsIsoDateTimeWithOffset, Trim } from '../../common/validation/validators';
import { BookingType } from '../../bookings/entities/booking.entity';
import { IsIanaTimeZone } from '../../pricing/time-zone.validator';
import { ALL_WEEKDAYS, FirstPeriod, INCREMENT_MINUTES, IncrementMinutes, IsoWeekday, TariffBand } from '../../pricing/tariff';
import { minuteOfDay } from '../../pricing/week';

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
  LotField(optional, { description: 'Hourly rate in minor units of the currency: the tariff becomes one band for the whole week at this rate (R-TARIFF-1)', minimum: 1, maximum: 1_000_000, example: 250 }, IsInt(), Min(1), Max(1_000_000));
const lotCapacity = (optional = false) =>
  LotField(optional, { description: 'Number of spots; they are numbered 1..capacity', minimum: 1, maximum: 5000, example: 120 }, IsInt(), Min(1), Max(5000));

/** R-TARIFF-1: an IANA zone name; left out, the lot keeps its zone (a new lot gets APP_TIMEZONE). */
const TimeZone = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: 64, example: 'Europe/Berlin' }),
    ValidateIf((_object, value) => value !== undefined),
    IsIanaTimeZone(),
  );

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

  @TimeZone("The lot's IANA time zone, in which its tariff's hours are read; defaults to the server's APP_TIMEZONE")
  timeZone?: string;
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

  @TimeZone("The lot's IANA time zone; a change makes a new tariff version with the same bands read in the new zone")
  timeZone?: string;
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

  @ApiProperty({
    description: "The hourly rate in force now under the lot's current tariff, in minor units (R-TARIFF-1); 0 in a free band",
    example: 250,
  })
  pricePerHourCents: number;

  @ApiProperty({ description: "IANA time zone of the lot and of its tariff's hours", example: 'Europe/Berlin' })
  timeZone: string;

  @ApiProperty({ description: 'The current tariff version: the one new bookings are made under (R-TARIFF-2)', example: 3 })
  tariffVersion: number;

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

/** "HH:MM" from 00:00 to 23:59; an end may also be "24:00", the end of the day. */
const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MAX_RATE_CENTS = 1_000_000;
/** The largest flat or capped amount a tariff may name: far above any real day of parking, well inside an int. */
const MAX_AMOUNT_CENTS = 100_000_000;
const MAX_BANDS = 200;

/** A band's end must be later than its start (a night rate is two bands); format errors are reported on their own. */
const LaterThanFrom = () =>
  ValidateBy({
    name: 'laterThanFrom',
    validator: {
      validate: (to: unknown, args) => {
        const { from } = args!.object as TariffBandDto;
        if (typeof to !== 'string' || typeof from !== 'string' || !END_TIME.test(to) || !START_TIME.test(from)) return true;
        return minuteOfDay(to)! > minuteOfDay(from)!;
      },
      defaultMessage: () => '$property must be later than from (a span across midnight is two bands)',
    },
  });

/** One rate for some weekdays between two local wall-clock times (R-TARIFF-1). */
export class TariffBandDto implements TariffBand {
  @ApiProperty({
    description: 'ISO weekdays the band applies to, 1 = Monday … 7 = Sunday, each at most once',
    type: 'integer',
    isArray: true,
    enum: ALL_WEEKDAYS,
    minItems: 1,
    maxItems: 7,
    example: [1, 2, 3, 4, 5],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(ALL_WEEKDAYS, { each: true, message: 'each value in $property must be an ISO weekday, 1 (Monday) to 7 (Sunday)' })
  days: IsoWeekday[];

  @ApiProperty({ description: 'Local start time, HH:MM (inclusive)', pattern: START_TIME.source, example: '08:00' })
  @IsString()
  @Matches(START_TIME, { message: '$property must be a time HH:MM from 00:00 to 23:59' })
  from: string;

  @ApiProperty({ description: 'Local end time, HH:MM (exclusive), later than `from`; 24:00 is midnight at the end of the day', pattern: END_TIME.source, example: '18:00' })
  @IsString()
  @Matches(END_TIME, { message: '$property must be a time HH:MM from 00:01 to 24:00' })
  @LaterThanFrom()
  to: string;

  @ApiProperty({ description: 'Price per hour in this band, minor units; 0 for a free band', minimum: 0, maximum: MAX_RATE_CENTS, example: 300 })
  @IsInt()
  @Min(0)
  @Max(MAX_RATE_CENTS)
  ratePerHourCents: number;
}

/**
 * The first minutes of a stay at a flat price (R-TARIFF-3 step 3), or null for none. Described inline: OpenAPI
 * 3.0 cannot make a referenced schema nullable (its `nullable` does not reach into an `allOf`).
 */
const firstPeriodSchema = (description: string, selfRequired: boolean): ApiPropertyOptions => ({
  description,
  type: 'object',
  nullable: true,
  required: ['minutes', 'cents'],
  selfRequired,
  additionalProperties: false,
  properties: {
    minutes: { type: 'integer', minimum: 1, maximum: 1440, description: 'Length of the first period in minutes', example: 60 },
    cents: { type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, description: 'Its flat price in minor units, also for a shorter stay', example: 400 },
  },
});

/** Validated as `firstPeriodSchema` describes it. */
export class FirstPeriodDto implements FirstPeriod {
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes: number;

  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  cents: number;
}

/** PUT /lots/{id}/tariff: a whole tariff; what is left out takes its default (R-TARIFF-1). */
export class TariffInputDto {
  @TimeZone("IANA zone the bands' times are read in; left out, the lot's current zone. A change moves the lot to it")
  timeZone?: string;

  @ApiProperty({
    description: 'The bands; together they cover every minute of the week exactly once (else 400 naming each gap and overlap)',
    type: TariffBandDto,
    isArray: true,
    minItems: 1,
    maxItems: MAX_BANDS,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BANDS)
  @ValidateNested({ each: true })
  @Type(() => TariffBandDto)
  bands: TariffBandDto[];

  @ApiPropertyOptional({ description: 'A stay of at most this many minutes is free', minimum: 0, maximum: 120, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  graceMinutes?: number;

  @ApiPropertyOptional({ description: 'Billing step: billed minutes are rounded up to a multiple of it', enum: INCREMENT_MINUTES, type: 'integer', default: 1 })
  @IsOptional()
  @IsIn(INCREMENT_MINUTES, { message: '$property must be one of 1, 5, 10, 15, 30 or 60' })
  incrementMinutes?: IncrementMinutes;

  @ApiProperty(firstPeriodSchema('A flat price for the first minutes of a stay; null or left out: none', false))
  @IsOptional()
  @ValidateNested()
  @Type(() => FirstPeriodDto)
  firstPeriod?: FirstPeriodDto | null;

  @ApiPropertyOptional({ description: 'At most this much per 24-hour window from the start of a stay; null or left out: no cap', minimum: 1, maximum: MAX_AMOUNT_CENTS, type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  dailyMaxCents?: number | null;
}

export class TariffQueryDto {
  @ApiPropertyOptional({ description: 'An earlier version to read; left out, the current one', minimum: 1 })
  @IsOptional()
  @IntQuery(1, 2_147_483_647)
  version?: number;
}

/** One version of a lot's tariff (R-TARIFF-1, 2). */
export class TariffDto {
  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'Version number, 1, 2, 3… per lot; bookings keep the version they were made under', example: 2 })
  version: number;

  @ApiProperty({ description: "IANA zone the bands' times are read in", example: 'Europe/Berlin' })
  timeZone: string;

  @ApiProperty({ description: 'The bands, covering every minute of the week exactly once', type: TariffBandDto, isArray: true })
  bands: TariffBandDto[];

  @ApiProperty({ description: 'A stay of at most this many minutes is free', example: 0 })
  graceMinutes: number;

  @ApiProperty({ description: 'Billing step in minutes', enum: INCREMENT_MINUTES, type: 'integer', example: 15 })
  incrementMinutes: IncrementMinutes;

  @ApiProperty(firstPeriodSchema('Flat price of the first minutes of a stay; null when none', true))
  firstPeriod: FirstPeriodDto | null;

  @ApiProperty({ description: 'Cap per 24-hour window from the start of a stay, minor units; null when none', type: 'integer', nullable: true, example: 2400 })
  dailyMaxCents: number | null;

  @ApiProperty({ description: 'When this version was written', format: 'date-time' })
  createdAt: string;
}

export class TariffAuthorDto {
  @ApiProperty({ description: 'User id of the admin', format: 'uuid' })
  id: string;

  @ApiProperty({ description: "The admin's username" })
  username: string;
}

/** An entry of a lot's tariff history. */
export class TariffVersionDto {
  @ApiProperty({ description: 'Version number', example: 2 })
  version: number;

  @ApiProperty({ description: 'When it was written', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'The admin who wrote it; null for the versions the move to tariffs wrote from earlier prices', type: TariffAuthorDto, nullable: true })
  createdBy: TariffAuthorDto | null;
}
