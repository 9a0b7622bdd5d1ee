import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppCacheService } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Page, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { isViolationOf, PG } from '../database/pg-errors';
import { MailQueue } from '../mail/mail-queue.service';
import { assertValidWindow, WINDOW_RULES } from './booking-window';
import { AllocationInput, BookingFilter, BookingRow, BookingsRepository, BookingWindow } from './bookings.repository';
import { AdminBookingDto, AdminListBookingsQueryDto, BookingDto, BookingSummaryDto, CreateBookingDto, ListBookingsQueryDto } from './dto/bookings.dto';
import { Booking, BookingStatus, BookingType } from './entities/booking.entity';
import { bookingCost, reservationEstimate } from './pricing';

/**
 * How long a booking keeps retrying lost spot races. A race is lost to another booking that took the spot
 * or is taking it, so the retries end by themselves once the lot is full; the bound is only for a storm of
 * racers, after which the answer is 409 rather than a request left hanging. A fixed count of attempts was too few for a few dozen
 * racers after the same spots: one request could lose to them eight times in a row.
 */
const ALLOCATION_RETRY_MS = 5_000;
/** The jittered pause between attempts grows with each lost race, up to this. */
const MAX_RETRY_PAUSE_MS = 50;

/** A transition can lose to at most two concurrent ones (see `transition`); a fourth read always decides. */
const MAX_TRANSITION_ATTEMPTS = 4;

/** What the rules of a transition read of a booking. */
type BookingState = Pick<Booking, 'type' | 'status' | 'startAt' | 'endAt' | 'checkedInAt' | 'releasedAt' | 'ratePerHourCents'>;

/** The database refused a second booking of a vehicle: overlapping periods, or a second active one. */
function vehicleIsBusy(error: unknown): boolean {
  return isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_vehicle_no_overlap') || isViolationOf(error, PG.UNIQUE_VIOLATION, 'bookings_active_vehicle_key');
}

function stateOf(row: BookingRow): BookingState {
  return {
    type: row.type,
    status: row.status,
    startAt: row.start_at,
    endAt: row.end_at,
    checkedInAt: row.checked_in_at,
    releasedAt: row.released_at,
    ratePerHourCents: row.rate_per_hour_cents,
  };
}

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
    const { booking, driver } = await this.allocate({
      userId: user.id,
      lotId: input.lotId,
      vehicleNumber: input.vehicleNumber,
      type: reserved ? BookingType.Reserved : BookingType.Instant,
      status: reserved ? BookingStatus.Reserved : BookingStatus.Active,
      window,
    });
    const dto = this.toDto(booking);
    // Independent round trips to Redis (neither throws), so they overlap.
    await Promise.all([this.afterWrite(), this.sendConfirmation(dto, driver)]);
    return dto;
  }

  /** R-JOB-1: through the mail queue, never inline; the booking id keeps it to one mail per booking. */
  private async sendConfirmation(booking: BookingDto, driver: { email: string; name: string }): Promise<void> {
    const reserved = booking.type === BookingType.Reserved;
    await this.mail.enqueue(
      {
        to: driver.email,
        subject: reserved ? `Reservation confirmed: ${booking.lotName}, spot ${booking.spotNumber}` : `Parked at ${booking.lotName}, spot ${booking.spotNumber}`,
        template: 'booking-confirmation',
        context: { ...booking, reserved, name: driver.name },
      },
      { jobId: `booking-confirmation:${booking.id}` },
    );
  }

  /**
   * One statement per attempt (BookingsRepository.allocate). A lost spot race is retried, so a lot is only
   * reported full when no spot is free: when no spot could be locked, an unlocked look tells "all free
   * spots are held by concurrent allocations, some of which may fail" (retry) from "none is free" (full).
   * A park-now booking starts when its attempt does: a spot released a moment ago ends at its release
   * time, which may be later than a start taken before a retry.
   */
  private async allocate(request: Omit<AllocationInput, 'startAt'>): Promise<{ booking: BookingRow; driver: { email: string; name: string } }> {
    const full = () => new DomainError(request.window ? 'NO_SPOT_AVAILABLE' : 'LOT_FULL');
    // A technical time limit, so the wall clock rather than the business Clock (which tests freeze).
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      const input: AllocationInput = { ...request, startAt: request.window?.startAt ?? this.clock.now() };
      try {
        const outcome = await this.bookings.allocate(input);
        if (!outcome.lotFound) throw DomainError.notFound('Lot');
        if (outcome.lotArchived) throw new DomainError('LOT_ARCHIVED');
        // R-BOOK-10, read in the booking's statement: the database flag is the truth.
        if (!outcome.driverActive) throw new DomainError('ACCOUNT_DISABLED');
        if (outcome.vehicleParked) throw new DomainError('VEHICLE_BUSY');
        if (outcome.booking) return { booking: outcome.booking, driver: { email: outcome.driver.email!, name: outcome.driver.name! } };
        if (!(await this.bookings.freeSpot(input.lotId, input.startAt, input.window))) throw full();
        throw new SpotTaken();
      } catch (error) {
        if (vehicleIsBusy(error)) throw new DomainError('VEHICLE_BUSY');
        const lostRace = error instanceof SpotTaken || isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_spot_no_overlap');
        if (!lostRace) throw error;
        if (performance.now() - started > ALLOCATION_RETRY_MS) throw full();
        await sleep(Math.random() * Math.min(5 * attempt, MAX_RETRY_PAUSE_MS));
      }
    }
  }

  private parseWindow(input: CreateBookingDto): BookingWindow {
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

  private releaseChanges(booking: BookingState, now: Date): Partial<Booking> {
    if (booking.status !== BookingStatus.Active) throw new DomainError('BOOKING_NOT_ACTIVE');
    return { status: BookingStatus.Completed, releasedAt: now, costCents: bookingCost({ ...booking, releasedAt: now }, now) };
  }

  /**
   * Reads the booking, applies the rule's changes if nobody changed it in between (compare-and-set on the
   * status), and answers it as changed; another driver's booking is a 404. A lost race reads again and
   * the rule judges the new state. Statuses only move forward (reserved → active → completed, or reserved
   * → cancelled / expired), so a booking can be changed under a transition at most twice.
   */
  private async transition(id: string, ownerId: string | undefined, rule: (booking: BookingState, now: Date) => Partial<Booking>): Promise<BookingDto> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.bookings.findView(id, ownerId);
      if (!row) throw DomainError.notFound('Booking');
      // A check-in while the vehicle is still parked elsewhere (an overstay) breaks one-active-booking-per-vehicle.
      const changed = await this.bookings.updateIfStatus(id, row.status, rule(stateOf(row), this.clock.now())).catch((error: unknown) => {
        throw vehicleIsBusy(error) ? new DomainError('VEHICLE_BUSY') : error;
      });
      if (changed) {
        await this.afterWrite();
        return this.toDto({ ...row, ...changed });
      }
      if (attempt === MAX_TRANSITION_ATTEMPTS) throw new Error(`Booking ${id} kept changing under a transition`);
    }
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
