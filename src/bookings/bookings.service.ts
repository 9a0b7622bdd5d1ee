import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppCacheService } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Page, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { isViolationOf, PG } from '../database/pg-errors';
import { LotsService } from '../lots/lots.service';
import { MailQueue } from '../mail/mail-queue.service';
import { User } from '../users/entities/user.entity';
import { assertValidWindow, WINDOW_RULES } from './booking-window';
import { BookingFilter, BookingRow, BookingsRepository, FreeSpot } from './bookings.repository';
import { AdminBookingDto, AdminListBookingsQueryDto, BookingDto, BookingSummaryDto, CreateBookingDto, ListBookingsQueryDto } from './dto/bookings.dto';
import { Booking, BookingStatus, BookingType } from './entities/booking.entity';
import { bookingCost, reservationEstimate } from './pricing';

/** How often a booking is retried when a concurrent one took its spot first. */
const MAX_ALLOCATION_ATTEMPTS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signals that the spot picked was taken by a concurrent booking: try again with the next one. */
class SpotTaken extends Error {}

/** R-BOOK-1..10: park now, reserve, check in, release, cancel, and the no-show expiry. */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);
  private readonly currency: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly lots: LotsService,
    private readonly cache: AppCacheService,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.currency = config.get('app', { infer: true }).currency;
  }

  async create(user: AuthUser, input: CreateBookingDto): Promise<BookingDto> {
    const reserved = input.type === BookingType.Reserved;
    const window = reserved ? this.parseWindow(input) : undefined;
    if (!reserved && (input.startAt !== undefined || input.endAt !== undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'startAt and endAt are only for reservations (type "reserved")', [
        { field: input.startAt !== undefined ? 'startAt' : 'endAt', errors: ['only allowed when type is "reserved"'] },
      ]);
    }
    const id = await this.allocate(user.id, input.lotId, input.vehicleNumber, window);
    await this.afterWrite();
    const booking = await this.get(user, id);
    await this.sendConfirmation(booking);
    return booking;
  }

  /** R-JOB-1: through the mail queue, never inline; the booking id keeps it to one mail per booking. */
  private async sendConfirmation(booking: BookingDto): Promise<void> {
    const [driver] = await this.dataSource.query('SELECT email, username, full_name FROM users WHERE id = $1', [booking.userId]);
    const reserved = booking.type === BookingType.Reserved;
    await this.mail.enqueue(
      {
        to: driver.email,
        subject: reserved ? `Reservation confirmed: ${booking.lotName}, spot ${booking.spotNumber}` : `Parked at ${booking.lotName}, spot ${booking.spotNumber}`,
        template: 'booking-confirmation',
        context: { ...booking, reserved, name: driver.full_name ?? driver.username },
      },
      { jobId: `booking-confirmation:${booking.id}` },
    );
  }

  /**
   * One transaction per attempt: lock the lot against archiving, pick a free spot (skipping spots other
   * transactions hold), insert. The exclusion constraints decide every race; a lost spot race is retried,
   * so a lot is only reported full when no spot is free.
   */
  private async allocate(userId: string, lotId: string, vehicleNumber: string, window?: { startAt: Date; endAt: Date }): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.allocateOnce(manager, userId, lotId, vehicleNumber, window));
      } catch (error) {
        if (!(error instanceof SpotTaken) || attempt === MAX_ALLOCATION_ATTEMPTS) {
          throw error instanceof SpotTaken ? new DomainError(window ? 'NO_SPOT_AVAILABLE' : 'LOT_FULL') : error;
        }
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  private async allocateOnce(
    manager: EntityManager,
    userId: string,
    lotId: string,
    vehicleNumber: string,
    window?: { startAt: Date; endAt: Date },
  ): Promise<string> {
    const now = this.clock.now();
    const lot = await this.lots.requireBookableLot(lotId, manager);
    await this.assertCanBook(manager, userId);
    if (await this.bookings.vehicleIsParked(manager, vehicleNumber)) throw new DomainError('VEHICLE_BUSY');
    const findSpot = (lock: boolean) =>
      window
        ? this.bookings.freeSpotForWindow(manager, lotId, window.startAt, window.endAt, lock)
        : this.bookings.freeSpotFromNow(manager, lotId, now, lock);
    const spot: FreeSpot | undefined = await findSpot(true);
    if (!spot) {
      // Every free spot may be held by a transaction that is about to fail: only full if none is free at all.
      if (await findSpot(false)) throw new SpotTaken();
      throw new DomainError(window ? 'NO_SPOT_AVAILABLE' : 'LOT_FULL');
    }
    try {
      return await this.bookings.insert(manager, {
        userId,
        lotId,
        spotId: spot.id,
        vehicleNumber,
        type: window ? BookingType.Reserved : BookingType.Instant,
        status: window ? BookingStatus.Reserved : BookingStatus.Active,
        startAt: window?.startAt ?? now,
        endAt: window?.endAt ?? null,
        ratePerHourCents: lot.pricePerHourCents,
      });
    } catch (error) {
      if (isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_vehicle_no_overlap')) throw new DomainError('VEHICLE_BUSY');
      if (isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_spot_no_overlap')) throw new SpotTaken();
      throw error;
    }
  }

  /** R-BOOK-10, checked in the booking's transaction: the database flag is the truth. */
  private async assertCanBook(manager: EntityManager, userId: string): Promise<void> {
    const user = await manager.findOneBy(User, { id: userId });
    if (!user || !user.isActive) throw new DomainError('ACCOUNT_DISABLED');
  }

  private parseWindow(input: CreateBookingDto): { startAt: Date; endAt: Date } {
    const startAt = new Date(input.startAt!);
    const endAt = new Date(input.endAt!);
    assertValidWindow(startAt, endAt, this.clock.now());
    return { startAt, endAt };
  }

  /** A driver sees their own bookings (another's id is a 404); an admin sees any. */
  async get(user: AuthUser, id: string): Promise<BookingDto> {
    const row = await this.bookings.findView(id, user.role === Role.Admin ? undefined : user.id);
    if (!row) throw DomainError.notFound('Booking');
    return this.toDto(row);
  }

  async list(user: AuthUser, query: ListBookingsQueryDto): Promise<Page<BookingDto>> {
    return this.page({ ...this.filterOf(query), userId: user.id }, query);
  }

  async listAll(query: AdminListBookingsQueryDto): Promise<Page<AdminBookingDto>> {
    return this.page({ ...this.filterOf(query), userId: query.userId, vehicleNumber: query.vehicleNumber }, query);
  }

  async summary(user: AuthUser): Promise<BookingSummaryDto> {
    const row = await this.bookings.summary(user.id);
    return {
      outstandingCents: row.outstanding_cents,
      unpaidCount: row.unpaid_count,
      activeCount: row.active_count,
      upcomingCount: row.upcoming_count,
      currency: this.currency,
    };
  }

  /** R-BOOK-3: from 15 minutes before the window until its end. */
  checkIn(user: AuthUser, id: string): Promise<BookingDto> {
    return this.transition(id, user.id, (booking, now) => {
      if (booking.status !== BookingStatus.Reserved) throw new DomainError('BOOKING_NOT_RESERVED');
      if (now.getTime() < booking.startAt.getTime() - WINDOW_RULES.checkInEarlyMs) throw new DomainError('TOO_EARLY');
      if (now >= booking.endAt!) throw new DomainError('RESERVATION_EXPIRED');
      return { status: BookingStatus.Active, checkedInAt: now };
    });
  }

  /** R-BOOK-4: only an active booking; the cost is fixed now, so a second release can never charge again. */
  release(user: AuthUser, id: string): Promise<BookingDto> {
    return this.transition(id, user.id, (booking, now) => this.releaseChanges(booking, now));
  }

  /** R-BOOK-9: an admin releases anyone's active booking, saying why. */
  forceRelease(admin: AuthUser, id: string, reason: string): Promise<BookingDto> {
    return this.transition(id, undefined, (booking, now) => ({ ...this.releaseChanges(booking, now), releaseReason: reason, releasedBy: admin.id }));
  }

  /** R-BOOK-5: a reservation, before its start; it costs nothing. */
  cancel(user: AuthUser, id: string): Promise<BookingDto> {
    return this.transition(id, user.id, (booking, now) => {
      if (booking.status !== BookingStatus.Reserved) throw new DomainError('BOOKING_NOT_RESERVED');
      if (now >= booking.startAt) throw new DomainError('TOO_LATE_TO_CANCEL');
      return { status: BookingStatus.Cancelled, costCents: 0 };
    });
  }

  /** R-BOOK-6: reservations not checked in by their end become expired and cost their window. */
  async expireNoShows(batchSize = 500): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const due = await this.bookings.dueReservations(manager, this.clock.now(), batchSize);
        if (due.length) {
          const costs = due.map((b) => ({ id: b.id, costCents: bookingCost({ ...b, status: BookingStatus.Expired }, b.endAt!) }));
          await this.bookings.markExpired(manager, costs);
        }
        return due.length;
      });
      expired += batch;
      if (batch < batchSize) break;
    }
    if (expired) {
      this.logger.log(`Expired ${expired} reservations that were not checked in`);
      await this.afterWrite();
    }
    return expired;
  }

  private releaseChanges(booking: Booking, now: Date): Partial<Booking> {
    if (booking.status !== BookingStatus.Active) throw new DomainError('BOOKING_NOT_ACTIVE');
    return { status: BookingStatus.Completed, releasedAt: now, costCents: bookingCost({ ...booking, releasedAt: now }, now) };
  }

  /** Locks the booking, applies the rule's changes and commits; another driver's booking is a 404. */
  private async transition(id: string, ownerId: string | undefined, rule: (booking: Booking, now: Date) => Partial<Booking>): Promise<BookingDto> {
    await this.dataSource.transaction(async (manager) => {
      const booking = await this.bookings.lockBooking(manager, id, ownerId);
      if (!booking) throw DomainError.notFound('Booking');
      await manager.update(Booking, { id }, rule(booking, this.clock.now()));
    });
    await this.afterWrite();
    const row = await this.bookings.findView(id);
    return this.toDto(row!);
  }

  /** Availability, lot counts and stats change with every booking write (R-CACHE-1). */
  private afterWrite(): Promise<void> {
    return this.cache.invalidate('lots', 'availability', 'stats');
  }

  private filterOf(query: ListBookingsQueryDto): BookingFilter {
    return {
      status: query.status,
      lotId: query.lotId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      offset: query.offset,
      limit: query.pageSize,
    };
  }

  private async page(filter: BookingFilter, query: ListBookingsQueryDto): Promise<Page<AdminBookingDto>> {
    const [rows, total] = await this.bookings.list(filter);
    return toPage(
      rows.map((row) => ({ ...this.toDto(row), username: row.username })),
      total,
      query,
    );
  }

  private toDto(row: BookingRow): BookingDto {
    const booking = {
      type: row.type,
      status: row.status,
      startAt: row.start_at,
      endAt: row.end_at,
      releasedAt: row.released_at,
      ratePerHourCents: row.rate_per_hour_cents,
    };
    return {
      id: row.id,
      userId: row.user_id,
      lotId: row.lot_id,
      lotName: row.lot_name,
      spotId: row.spot_id,
      spotNumber: row.spot_number,
      vehicleNumber: row.vehicle_number,
      type: row.type,
      status: row.status,
      startAt: row.start_at.toISOString(),
      endAt: row.end_at?.toISOString() ?? null,
      checkedInAt: row.checked_in_at?.toISOString() ?? null,
      releasedAt: row.released_at?.toISOString() ?? null,
      ratePerHourCents: row.rate_per_hour_cents,
      costCents: row.cost_cents ?? bookingCost(booking, this.clock.now()),
      estimatedCostCents: row.end_at ? reservationEstimate(row.rate_per_hour_cents, row.start_at, row.end_at) : null,
      currency: this.currency,
      paid: row.paid,
      releaseReason: row.release_reason,
      createdAt: row.created_at.toISOString(),
    };
  }
}
