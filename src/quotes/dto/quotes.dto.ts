import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsIsoDateTimeWithOffset } from '../../common/validation/validators';

export class CreateQuoteDto {
  @ApiProperty({ description: 'The lot to price the stay in', format: 'uuid' })
  @IsUUID()
  lotId: string;

  @ApiProperty({ description: 'Start of the stay, with an offset: from now (1 minute of skew) up to 365 days ahead', example: '2026-11-23T09:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  startAt: string;

  @ApiProperty({ description: 'End of the stay, with an offset: 1 minute to 7 days after the start', example: '2026-11-23T11:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  endAt: string;
}

/** Consecutive band-priced minutes of one rate (R-TARIFF-3 step 3). */
export class QuoteSegmentDto {
  @ApiProperty({ description: 'Start of the first minute', format: 'date-time' })
  from: string;

  @ApiProperty({ description: 'End of the last minute', format: 'date-time' })
  to: string;

  @ApiProperty({ description: 'Band-priced minutes in the segment', type: 'integer', example: 90 })
  minutes: number;

  @ApiProperty({ description: 'The band rate of these minutes, minor units per hour', type: 'integer', example: 300 })
  ratePerHourCents: number;
}

/** The billed minutes of one 24-hour window counted from the start (R-TARIFF-3 step 4). */
export class QuoteWindowDto {
  @ApiProperty({ description: 'Window start', format: 'date-time' })
  from: string;

  @ApiProperty({ description: 'Window end (the last window ends with the billed minutes)', format: 'date-time' })
  to: string;

  @ApiProperty({ description: 'Every billed minute of the window, first-period minutes included', type: 'integer', example: 120 })
  billedMinutes: number;

  @ApiProperty({ description: 'The window’s price in minor units, after the daily maximum', type: 'integer', example: 550 })
  cents: number;

  @ApiProperty({ description: 'Whether the daily maximum lowered the window’s price' })
  capped: boolean;

  @ApiProperty({ description: 'The band-priced minutes, in order (first-period minutes are not)', type: QuoteSegmentDto, isArray: true })
  segments: QuoteSegmentDto[];
}

/** R-QUOTE-1: the price of a stay and its breakdown, valid for 15 minutes to book at (R-QUOTE-2). */
export class QuoteDto {
  @ApiProperty({ description: 'Quote id: POST /bookings with it books at this price', format: 'uuid' })
  quoteId: string;

  @ApiProperty({ description: 'Lot id', format: 'uuid' })
  lotId: string;

  @ApiProperty({ description: 'The lot’s tariff version the stay is priced with (GET /lots/{id}/tariff?version=)', type: 'integer', example: 2 })
  tariffVersion: number;

  @ApiProperty({ description: 'Start of the stay', format: 'date-time' })
  startAt: string;

  @ApiProperty({ description: 'End of the stay', format: 'date-time' })
  endAt: string;

  @ApiProperty({ description: 'The price in minor units: the windows’ cents add up to it', type: 'integer', example: 550 })
  totalCents: number;

  @ApiProperty({ description: 'ISO 4217 currency', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'A booking may use the quote until then (15 minutes)', format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: '24-hour windows counted from the start; none when the grace period applies', type: QuoteWindowDto, isArray: true })
  windows: QuoteWindowDto[];

  @ApiProperty({ description: 'The stay is within the grace period: free' })
  graceApplied: boolean;

  @ApiProperty({ description: 'The first period’s flat price, counted in window 0 (before its cap); 0 without one', type: 'integer', example: 250 })
  firstPeriodCents: number;
}
