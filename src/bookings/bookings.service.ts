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
import { OccupancyService } from '../occupancy/occupancy.service';
import { overstayOf } from '../occupancy/overstay';
import { OutboxService } from '../outbox/outbox.service';
import { priceStay } from '../pricing/price-stay';
import { Tariff } from '../pricing/tariff';
import { QuotedPrice, QuotesService } from '../quotes/quotes.service';
import { TariffBook } from '../tariffs/tariff-book';
import { bookingMails, KeyedMail, Recipient } from './booking-mails';
import { assertValidWindow, WINDOW_RULES } from './booking-window';
import { AllocationInput, BookingFilter, BookingRow, BookingsRepository, BookingWindow } from './bookings.repository';
import { AdminBookingDto, AdminListBookingsQueryDto, BookingDto, BookingSummaryDto, CreateBookingDto, ListBookingsQueryDto } from './dto/bookings.dto';
import { Booking, BookingStatus, BookingType } from './entities/booking.entity';
import { bookingCost, chargedStay } from './pricing';

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
type BookingState = Pick<Booking, 'type' | 'status' | 'startAt' | 'endAt' | 'checkedInAt' | 'releasedAt' | 'reseatFailedAt'>;

/** How far ahead the worker re-seats reservations whose spot has an overstaying car (R-OCC-3). */
const RESEAT_AHEAD_MS = 3600_000;
/** A re-seat retries a spot lost to a concurrent booking this often before it counts as "no spot". */
const MAX_RESEAT_ATTEMPTS = 3;
/** Lots whose reservations the sweep re-seats at once; one lot's moves go one by one, so they never race each other. */
const RESEAT_SWEEP_LOTS_AT_ONCE = 8;
/** R-OCC-4: the reminder goes out this long before a reservation ends. */
const ENDING_SOON_MS = 15 * 60_000;

/** The database refused a booking that would take the driver past a limit of R-LIMIT-1. */
function overLimit(error: unknown): boolean {
  return isViolationOf(error, PG.CHECK_VIOLATION, 'bookings_driver_limit');
}

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
    reseatFailedAt: row.reseat_failed_at,
  };
}

/** The tariff reference of a booking row (R-TARIFF-2). */
const tariffRefOf = (row: BookingRow) => ({
  lotId: row.lot_id,
  tariffVersion: row.tariff_version,
  ratePerHourCents: row.rate_per_hour_cents,
  timeZone: row.lot_time_zone,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signals that the spot picked was taken by a concurrent booking: try again with the next one. */
class SpotTaken extends Error {}

/** R-BOOK-1..10: park now, reserve, check in, release, cancel, and the no-show expiry. */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);
  private readonly currency: string;
  private readonly limits: AppConfig['bookings'];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly cache: AppCacheService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly occupancy: OccupancyService,
    private readonly tariffs: TariffBook,
    private readonly quotes: QuotesService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.currency = config.get('app', { infer: true }).currency;
    this.limits = config.get('bookings', { infer: true });
  }

  async create(user: AuthUser, input: CreateBookingDto): Promise<BookingDto> {
    const reserved = input.type === BookingType.Reserved;
    const window = reserved ? this.parseWindow(input) : undefined;
    if (!reserved && (input.startAt !== undefined || input.endAt !== undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'startAt and endAt are only for reservations (type "reserved")', [
        { field: input.startAt !== undefined ? 'startAt' : 'endAt', errors: ['only allowed when type is "reserved"'] },
      ]);
    }
    const price = await this.priceOf(user, input, window);
    const { booking } = await this.allocate({
      userId: user.id,
      lotId: input.lotId,
      vehicleNumber: input.vehicleNumber,
      type: reserved ? BookingType.Reserved : BookingType.Instant,
      status: reserved ? BookingStatus.Reserved : BookingStatus.Active,
      window,
      ...price,
    });
    // R-JOB-1: the confirmation mail was written to the outbox by the booking's own statement.
    await this.afterWrite(booking.lot_id);
    return this.toDto(booking);
  }

  /**
   * R-QUOTE-2: what a reservation is priced with — its quote's version and total, or the lot's current
   * version and the price of the window under it — passed to the allocation statement, which records both.
   * Park now is priced when it ends, under the version current when its statement runs.
   */
  private async priceOf(user: AuthUser, input: CreateBookingDto, window: BookingWindow | undefined): Promise<QuotedPrice | undefined> {
    if (input.quoteId) return this.quotes.redeem(user, input.quoteId, input.lotId, window);
    if (!window) return undefined;
    const current = await this.tariffs.current(input.lotId);
    if (!current) throw DomainError.notFound('Lot');
    if (current.lotArchived) throw new DomainError('LOT_ARCHIVED');
    return { tariffVersion: current.version, quotedCents: priceStay(current.tariff, window.startAt, window.endAt).totalCents };
  }

  /**
   * One statement per attempt (BookingsRepository.allocate). A lost spot race is retried, so a lot is only
   * reported full when no spot is free: when no spot could be locked, an unlocked look tells "all free
   * spots are held by concurrent allocations, some of which may fail" (retry) from "none is free" (full).
   * A park-now booking starts when its attempt does: a spot released a moment ago ends at its release
   * time, which may be later than a start taken before a retry.
   */
  private async allocate(
    request: Omit<AllocationInput, 'startAt' | 'now' | 'parkNowFrom'>,
  ): Promise<{ booking: BookingRow }> {
    // A technical time limit, so the wall clock rather than the business Clock (which tests freeze).
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      const now = this.clock.now();
      const input: AllocationInput = { ...request, startAt: request.window?.startAt ?? now, now, parkNowFrom: this.occupancy.parkNowFrom(now) };
      const full = () => this.full(request.lotId, now, request.window !== undefined);
      try {
        const outcome = await this.bookings.allocate(input);
        if (!outcome.lotFound) throw DomainError.notFound('Lot');
        if (outcome.lotArchived) throw new DomainError('LOT_ARCHIVED');
        // R-BOOK-10, read in the booking's statement: the database flag is the truth.
        if (!outcome.driverActive) throw new DomainError('ACCOUNT_DISABLED');
        if (outcome.vehicleParked) throw new DomainError('VEHICLE_BUSY');
        if (outcome.booking) return { booking: outcome.booking };
        if (!(await this.occupancy.hasFreeSpot(input.lotId, now, input.window))) throw await full();
        throw new SpotTaken();
      } catch (error) {
        if (vehicleIsBusy(error)) throw new DomainError('VEHICLE_BUSY');
        if (overLimit(error)) throw new DomainError('BOOKING_LIMIT_REACHED', this.limitMessage(request.window !== undefined));
        const lostRace =
          error instanceof SpotTaken ||
          isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_spot_no_overlap') ||
          isViolationOf(error, PG.UNIQUE_VIOLATION, 'bookings_active_spot_key');
        if (!lostRace) throw error;
        if (performance.now() - started > ALLOCATION_RETRY_MS) throw await this.full(request.lotId, this.clock.now(), request.window !== undefined);
        await sleep(Math.random() * Math.min(5 * attempt, MAX_RETRY_PAUSE_MS));
      }
    }
  }

  /** No spot qualifies: for park now, with when one frees later today (R-BOOK-1). */
  private async full(lotId: string, now: Date, reservation: boolean): Promise<DomainError> {
    if (reservation) return new DomainError('NO_SPOT_AVAILABLE');
    const nextFreeAt = await this.occupancy.nextFreeAt(lotId, now);
    if (!nextFreeAt) return new DomainError('LOT_FULL');
    return new DomainError('LOT_FULL', `No spot is free in this lot right now; one frees at ${nextFreeAt.toISOString()}`, {
      nextFreeAt: nextFreeAt.toISOString(),
    });
  }

  private limitMessage(reservation: boolean): string {
    return reservation
      ? `A driver may hold at most ${this.limits.maxUpcomingReservations} upcoming reservations`
      : `A driver may have at most ${this.limits.maxActiveBookings} cars parked at once`;
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
    const [rows, total] = await this.bookings.list({ ...this.filterOf(query), userId: user.id });
    return toPage(await Promise.all(rows.map((row) => this.toDto(row))), total, query);
  }

  async listAll(query: AdminListBookingsQueryDto): Promise<Page<AdminBookingDto>> {
    const overstayingAt = query.overstaying ? this.clock.now() : undefined;
    const [rows, total] = await this.bookings.list({ ...this.filterOf(query), userId: query.userId, vehicleNumber: query.vehicleNumber, overstayingAt });
    const items = await Promise.all(rows.map(async (row) => ({ ...(await this.toDto(row)), username: row.username })));
    return toPage(items, total, query);
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

  /**
   * R-BOOK-3: from 15 minutes before the window until its end. When another car is still on the spot
   * (R-OCC-3: it overstays, or the driver came early), the reservation moves to another spot of the lot
   * free for the rest of its window, in the same change as the check-in; with none free it stays
   * `reserved` and the answer is 409 NO_SPOT_AVAILABLE.
   */
  async checkIn(user: AuthUser, id: string): Promise<BookingDto> {
    const rule = (booking: BookingState, now: Date): Partial<Booking> => {
      if (booking.status !== BookingStatus.Reserved) throw new DomainError('BOOKING_NOT_RESERVED');
      if (now.getTime() < booking.startAt.getTime() - WINDOW_RULES.checkInEarlyMs) throw new DomainError('TOO_EARLY');
      if (now >= booking.endAt!) throw new DomainError('RESERVATION_EXPIRED');
      return { status: BookingStatus.Active, checkedInAt: now };
    };
    try {
      return await this.transition(id, user.id, rule);
    } catch (error) {
      if (!isViolationOf(error, PG.UNIQUE_VIOLATION, 'bookings_active_spot_key')) throw error;
    }
    return (await this.reseat(id, user.id, true)).booking;
  }

  /**
   * R-OCC-3: moves a reservation off a spot another car is still on, to a spot free for the rest of its
   * window, checking it in when `checkIn`. The driver is told the new spot; when no spot is free, the
   * reservation is marked (its cancellation is then free), the admins are told once, and a check-in is
   * refused with 409 NO_SPOT_AVAILABLE.
   */
  private async reseat(id: string, ownerId: string | undefined, checkIn: boolean): Promise<{ booking: BookingDto; moved: boolean }> {
    const now = this.clock.now();
    let moved: BookingRow | undefined;
    for (let attempt = 1; attempt <= MAX_RESEAT_ATTEMPTS && !moved; attempt++) {
      try {
        // The move and its mail commit together (the outbox).
        moved = await this.dataSource.transaction(async (manager) => {
          const before = await this.bookings.findView(id, ownerId, manager);
          if (!before) throw DomainError.notFound('Booking');
          // A car checking in takes the new spot now (an early arrival included); ahead of time, from its start.
          const from = checkIn || before.start_at < now ? now : before.start_at;
          if (!(await this.bookings.reseat(manager, id, from, now, checkIn ? now : null))) return undefined;
          const after = (await this.bookings.findView(id, ownerId, manager))!;
          const { mail, key } = bookingMails.reseated(await this.toDto(after), before.spot_number, await this.bookings.recipient(after.user_id, manager));
          await this.outbox.addMail(manager, mail, key);
          return after;
        });
        if (!moved) break;
      } catch (error) {
        if (vehicleIsBusy(error)) throw new DomainError('VEHICLE_BUSY');
        // A concurrent booking took the spot picked: look again.
        const lostRace = isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_spot_no_overlap') || isViolationOf(error, PG.UNIQUE_VIOLATION, 'bookings_active_spot_key');
        if (!lostRace) throw error;
      }
    }
    if (moved) {
      await this.afterWrite(moved.lot_id);
      return { booking: await this.toDto(moved), moved: true };
    }
    const { overstay } = await this.bookings.spotTakenBy(id, now);
    const stranded = await this.dataSource.transaction(async (manager) => {
      const row = await this.bookings.findView(id, ownerId, manager);
      if (!row) throw DomainError.notFound('Booking');
      // Only a car past its time strands a reservation; one arriving early just waits for its start.
      if (overstay && (await this.bookings.markReseatFailed(manager, id, now))) {
        const marked = (await this.bookings.findView(id, ownerId, manager))!;
        for (const { mail, key } of bookingMails.reseatFailed(await this.toDto(marked), await this.bookings.activeAdmins(manager))) {
          await this.outbox.addMail(manager, mail, key);
        }
        return marked;
      }
      return row;
    });
    if (stranded.reseat_failed_at) await this.afterWrite(stranded.lot_id);
    // Checked in, cancelled or expired meanwhile: there is nothing to re-seat any more.
    if (checkIn && stranded.status !== BookingStatus.Reserved) throw new DomainError('BOOKING_NOT_RESERVED');
    if (checkIn) {
      throw new DomainError(
        'NO_SPOT_AVAILABLE',
        overstay ? 'The car before you is still on your spot and no other spot is free' : 'Your spot is still taken and no other spot is free yet',
      );
    }
    return { booking: await this.toDto(stranded), moved: false };
  }

  /**
   * R-OCC-3 ahead of time (the worker, every 5 minutes): reservations starting within the hour whose spot
   * has an overstaying car are moved now, so their drivers know where to go before they arrive.
   */
  async reseatAhead(): Promise<{ moved: number; stranded: number }> {
    const now = this.clock.now();
    const due = await this.bookings.reservationsOnOverstayedSpots(now, new Date(now.getTime() + RESEAT_AHEAD_MS));
    const byLot = new Map<string, string[]>();
    for (const reservation of due) byLot.set(reservation.lot_id, [...(byLot.get(reservation.lot_id) ?? []), reservation.id]);
    const lots = [...byLot.values()];
    let moved = 0;
    for (let i = 0; i < lots.length; i += RESEAT_SWEEP_LOTS_AT_ONCE) {
      const counts = await Promise.all(
        lots.slice(i, i + RESEAT_SWEEP_LOTS_AT_ONCE).map(async (ids) => {
          let movedInLot = 0;
          for (const id of ids) if ((await this.reseat(id, undefined, false)).moved) movedInLot += 1;
          return movedInLot;
        }),
      );
      moved += counts.reduce((sum, count) => sum + count, 0);
    }
    const stranded = due.length - moved;
    if (due.length) this.logger.log(`Re-seat sweep: ${moved} reservations moved off overstayed spots, ${stranded} without a free spot`);
    return { moved, stranded };
  }

  /** R-OCC-4 and R-OCC-2 (the worker, every minute): the ending-soon reminders and the overstay notices. */
  async mailStayNotices(): Promise<{ endingSoon: number; overstays: number }> {
    const now = this.clock.now();
    // Each notice is claimed (marked) and written to the outbox in one transaction: sent once, never lost.
    const notify = (kind: 'ending_soon' | 'overstay', until: Date, compose: (booking: BookingDto, driver: Recipient) => KeyedMail) =>
      this.dataSource.transaction(async (manager) => {
        const rows = await this.bookings.claimMails(manager, kind, now, until);
        for (const row of rows) {
          const { mail, key } = compose(await this.toDto(row), await this.bookings.recipient(row.user_id, manager));
          await this.outbox.addMail(manager, mail, key);
        }
        return rows.length;
      });
    const endingSoon = await notify('ending_soon', new Date(now.getTime() + ENDING_SOON_MS), bookingMails.endingSoon);
    const overstays = await notify('overstay', now, bookingMails.overstay);
    return { endingSoon, overstays };
  }

  /** R-BOOK-4: only an active booking; the cost is fixed now, so a second release can never charge again. */
  release(user: AuthUser, id: string): Promise<BookingDto> {
    return this.transition(id, user.id, (booking, now, tariff) => this.releaseChanges(booking, now, tariff));
  }

  /** R-BOOK-9: an admin releases anyone's active booking, saying why. */
  forceRelease(admin: AuthUser, id: string, reason: string): Promise<BookingDto> {
    return this.transition(id, undefined, (booking, now, tariff) => ({ ...this.releaseChanges(booking, now, tariff), releaseReason: reason, releasedBy: admin.id }));
  }

  /**
   * R-BOOK-5: a reservation, before its start; it costs nothing. One that could not be re-seated
   * (R-OCC-3) may be cancelled also after its start, free.
   */
  async cancel(user: AuthUser, id: string): Promise<BookingDto> {
    const cancelled = await this.transition(id, user.id, (booking, now) => {
      if (booking.status !== BookingStatus.Reserved) throw new DomainError('BOOKING_NOT_RESERVED');
      if (now >= booking.startAt && !booking.reseatFailedAt) throw new DomainError('TOO_LATE_TO_CANCEL');
      return { status: BookingStatus.Cancelled, costCents: 0 };
    });
    // A car parked on the spot until this reservation started may stay longer now (R-BOOK-1).
    const extended = await this.bookings.extendMustLeaveBy(cancelled.spotId).catch((error: unknown) => {
      if (isViolationOf(error, PG.EXCLUSION_VIOLATION, 'bookings_spot_no_overlap')) return false;
      throw error;
    });
    if (extended) await this.afterWrite(cancelled.lotId);
    return cancelled;
  }

  /** R-BOOK-6: reservations not checked in by their end become expired and cost their window. */
  async expireNoShows(batchSize = 500): Promise<number> {
    let expired = 0;
    const lotIds = new Set<string>();
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const due = await this.bookings.dueReservations(manager, this.clock.now(), batchSize);
        if (due.length) {
          // A reservation its driver could not use (no spot to re-seat it, R-OCC-3) costs nothing; the others
          // their window under their version (a one-band tariff, as those made before tariffs have, prices
          // alike in every zone).
          const costs = await Promise.all(
            due.map(async (b) => {
              if (b.reseatFailedAt) return { id: b.id, costCents: 0 };
              const tariff = await this.tariffs.forBooking({ lotId: b.lotId, tariffVersion: b.tariffVersion, ratePerHourCents: b.ratePerHourCents, timeZone: 'UTC' });
              return { id: b.id, costCents: bookingCost({ ...b, status: BookingStatus.Expired }, tariff, b.endAt!) };
            }),
          );
          await this.bookings.markExpired(manager, costs);
          for (const booking of due) lotIds.add(booking.lotId);
        }
        return due.length;
      });
      expired += batch;
      if (batch < batchSize) break;
    }
    if (expired) {
      this.logger.log(`Expired ${expired} reservations that were not checked in`);
      // Invalidations asked for in one turn of the event loop go to Redis together.
      await Promise.all([...lotIds].map((lotId) => this.afterWrite(lotId)));
    }
    return expired;
  }

  private releaseChanges(booking: BookingState, now: Date, tariff: Tariff): Partial<Booking> {
    if (booking.status !== BookingStatus.Active) throw new DomainError('BOOKING_NOT_ACTIVE');
    return { status: BookingStatus.Completed, releasedAt: now, costCents: bookingCost({ ...booking, releasedAt: now }, tariff, now) };
  }

  /**
   * Reads the booking, applies the rule's changes if nobody changed it in between (compare-and-set on the
   * status), and answers it as changed; another driver's booking is a 404. A lost race reads again and
   * the rule judges the new state. Statuses only move forward (reserved → active → completed, or reserved
   * → cancelled / expired), so a booking can be changed under a transition at most twice.
   */
  private async transition(
    id: string,
    ownerId: string | undefined,
    rule: (booking: BookingState, now: Date, tariff: Tariff) => Partial<Booking>,
  ): Promise<BookingDto> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.bookings.findView(id, ownerId);
      if (!row) throw DomainError.notFound('Booking');
      const tariff = await this.tariffs.forBooking(tariffRefOf(row));
      // A check-in while the vehicle is still parked elsewhere (an overstay) breaks one-active-booking-per-vehicle.
      const changed = await this.bookings.updateIfStatus(id, row.status, rule(stateOf(row), this.clock.now(), tariff)).catch((error: unknown) => {
        if (vehicleIsBusy(error)) throw new DomainError('VEHICLE_BUSY');
        // A check-in makes one more active booking (R-LIMIT-1).
        if (overLimit(error)) throw new DomainError('BOOKING_LIMIT_REACHED', this.limitMessage(false));
        throw error;
      });
      if (changed) {
        await this.afterWrite(row.lot_id);
        return this.toDto({ ...row, ...changed });
      }
      if (attempt === MAX_TRANSITION_ATTEMPTS) throw new Error(`Booking ${id} kept changing under a transition`);
    }
  }

  /** The lot's availability and counts, the lot lists and the stats change with every booking write (R-CACHE-1). */
  private afterWrite(lotId: string): Promise<void> {
    return this.cache.invalidateLot(lotId);
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

  /**
   * The booking as the API shows it. Its cost so far (while active) and a reservation's price of its window
   * come from its tariff version (R-TARIFF-2), read only when something is left to price.
   */
  private async toDto(row: BookingRow): Promise<BookingDto> {
    const booking = {
      type: row.type,
      status: row.status,
      startAt: row.start_at,
      endAt: row.end_at,
      releasedAt: row.released_at,
    };
    const now = this.clock.now();
    const needsTariff = (row.cost_cents === null && chargedStay(booking, now) !== null) || (row.end_at !== null && row.quoted_cents === null);
    const tariff = needsTariff ? await this.tariffs.forBooking(tariffRefOf(row)) : undefined;
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
      tariffVersion: row.tariff_version,
      costCents: row.cost_cents ?? (tariff ? bookingCost(booking, tariff, now) : 0),
      estimatedCostCents: row.end_at ? (row.quoted_cents ?? priceStay(tariff!, row.start_at, row.end_at).totalCents) : null,
      quotedCents: row.quoted_cents,
      currency: this.currency,
      paid: row.paid,
      reviewed: row.reviewed,
      releaseReason: row.release_reason,
      createdAt: row.created_at.toISOString(),
      mustLeaveBy: row.must_leave_by?.toISOString() ?? null,
      overstayMinutes: overstayOf({ ...booking, mustLeaveBy: row.must_leave_by }, now).overstayMinutes,
      reseatedFromSpotNumber: row.reseated_from_spot_number,
    };
  }
}
