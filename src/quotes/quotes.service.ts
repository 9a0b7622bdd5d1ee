import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { assertValidWindow, QUOTE_WINDOW } from '../bookings/booking-window';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { priceStay } from '../pricing/price-stay';
import { TariffBook } from '../tariffs/tariff-book';
import { CreateQuoteDto, QuoteDto } from './dto/quotes.dto';
import { QuotesRepository } from './quotes.repository';

/** R-QUOTE-1: a quote may be booked at for this long. */
export const QUOTE_VALID_MS = 15 * 60_000;

/** What a booking made with a quote is priced with (R-QUOTE-2). */
export interface QuotedPrice {
  tariffVersion: number;
  quotedCents: number;
}

/** R-QUOTE-1, 2: the exact price of a stay under the lot's current tariff, kept 15 minutes to book at. */
@Injectable()
export class QuotesService {
  private readonly currency: string;

  constructor(
    private readonly quotes: QuotesRepository,
    private readonly tariffs: TariffBook,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.currency = config.get('app', { infer: true }).currency;
  }

  async create(user: AuthUser, input: CreateQuoteDto): Promise<QuoteDto> {
    const [startAt, endAt] = [new Date(input.startAt), new Date(input.endAt)];
    const now = this.clock.now();
    assertValidWindow(startAt, endAt, now, QUOTE_WINDOW);
    const current = await this.tariffs.current(input.lotId);
    if (!current) throw DomainError.notFound('Lot');
    if (current.lotArchived) throw new DomainError('LOT_ARCHIVED');
    const price = priceStay(current.tariff, startAt, endAt);
    const expiresAt = new Date(now.getTime() + QUOTE_VALID_MS);
    const quoteId = await this.quotes.insert(
      { user_id: user.id, lot_id: input.lotId, tariff_version: current.version, start_at: startAt, end_at: endAt, total_cents: price.totalCents, expires_at: expiresAt },
      now,
    );
    return {
      quoteId,
      lotId: input.lotId,
      tariffVersion: current.version,
      startAt: startAt.toISOString(),
      endAt: endAt.toISOString(),
      totalCents: price.totalCents,
      currency: this.currency,
      expiresAt: expiresAt.toISOString(),
      windows: price.windows.map((window) => ({
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        billedMinutes: window.billedMinutes,
        cents: window.cents,
        capped: window.capped,
        segments: window.segments.map((segment) => ({
          from: segment.from.toISOString(),
          to: segment.to.toISOString(),
          minutes: segment.minutes,
          ratePerHourCents: segment.ratePerHourCents,
        })),
      })),
      graceApplied: price.graceApplied,
      firstPeriodCents: price.firstPeriodCents,
    };
  }

  /**
   * R-QUOTE-2: the caller's quote for exactly this lot and window (instants compared, whatever their
   * offsets), still valid at the clock's now: the booking is priced with its version and total, even if
   * the tariff changed since. Someone else's quote, or an unknown one, is a mismatch like another window's.
   */
  async redeem(user: AuthUser, quoteId: string, lotId: string, window: { startAt: Date; endAt: Date } | undefined): Promise<QuotedPrice> {
    const quote = await this.quotes.find(quoteId);
    if (!quote || quote.user_id !== user.id) throw new DomainError('QUOTE_MISMATCH', 'No quote of yours has this id');
    if (quote.lot_id !== lotId) throw new DomainError('QUOTE_MISMATCH', 'The quote is for another lot');
    if (!window) throw new DomainError('QUOTE_MISMATCH', 'A quote prices a window: book it as a reservation (type "reserved")');
    if (quote.start_at.getTime() !== window.startAt.getTime() || quote.end_at.getTime() !== window.endAt.getTime()) {
      throw new DomainError('QUOTE_MISMATCH', 'The quote is for another window');
    }
    if (this.clock.now() >= quote.expires_at) throw new DomainError('QUOTE_EXPIRED');
    return { tariffVersion: quote.tariff_version, quotedCents: quote.total_cents };
  }
}
