import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertValidWindow } from '../bookings/booking-window';
import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { bookingCost } from '../bookings/pricing';
import { overstayOf } from '../occupancy/overstay';
import { AppCacheService, lotCacheScopes } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Page, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { isViolationOf, PG } from '../database/pg-errors';
import { OccupancyService } from '../occupancy/occupancy.service';
import { priceStay } from '../pricing/price-stay';
import { oneBandTariff, Tariff } from '../pricing/tariff';
import { TariffBook } from '../tariffs/tariff-book';
import {
  AvailabilityDto,
  AvailabilityQueryDto,
  CreateLotDto,
  ListLotsQueryDto,
  ListSpotsQueryDto,
  LotDto,
  SpotDto,
  SpotOccupancyDto,
  UpdateLotDto,
} from './dto/lots.dto';
import { Lot } from './entities/lot.entity';
import { LotTariffsService } from './lot-tariffs.service';
import { CurrentBooking, LotsRepository, LotWithCounts, SpotWithStatus } from './lots.repository';
import { rateAt } from '../pricing';

const isAdmin = (viewer: AuthUser) => viewer.role === Role.Admin;

/** An empty or blank postal code means none. */
const postalCodeOrNull = (postalCode: string | null | undefined) => postalCode || null;

/**
 * A lot's answers are cached until a write changes them, at most CACHE_TTL_SECONDS (30 s by default): so
 * is its `pricePerHourCents`, the rate in force when the answer was computed. When a band edge passes, a
 * cached lot may show the rate before it for up to that long; what a booking costs never comes from here.
 */
@Injectable()
export class LotsService {
  private readonly currency: string;
  /** R-TARIFF-1: the zone of a lot created without one. */
  private readonly defaultTimeZone: string;

  constructor(
    private readonly lots: LotsRepository,
    private readonly tariffs: LotTariffsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: AppCacheService,
    private readonly clock: Clock,
    private readonly occupancy: OccupancyService,
    private readonly tariffBook: TariffBook,
    config: ConfigService<AppConfig, true>,
  ) {
    ({ currency: this.currency, timeZone: this.defaultTimeZone } = config.get('app', { infer: true }));
  }

  /** R-LOT-5. Archived lots are for admins only, and only when asked for. */
  async list(viewer: AuthUser, query: ListLotsQueryDto): Promise<Page<LotDto>> {
    const includeArchived = query.includeArchived === true;
    if (includeArchived && !isAdmin(viewer)) throw new DomainError('FORBIDDEN', 'Only admins can list archived lots');
    const search = query.search || undefined;
    const key = JSON.stringify({ search, includeArchived, page: query.page, pageSize: query.pageSize });
    return this.cache.getOrSet(lotCacheScopes.lists, `list:${key}`, async () => {
      const filter = { search, includeArchived, offset: query.offset, limit: query.pageSize };
      const now = this.clock.now();
      const [lots, total] = await this.lots.listWithCounts(filter, now, this.occupancy.parkNowFrom(now));
      return toPage(
        lots.map((lot) => this.toLotDto(lot, now)),
        total,
        query,
      );
    });
  }

  /** One lot; an archived one is "not found" for drivers. */
  async get(viewer: AuthUser, id: string): Promise<LotDto> {
    const lot = await this.cache.getOrSet(lotCacheScopes.lot(id), `lot:${id}`, () => this.readLot(id));
    if (!lot || (lot.archived && !isAdmin(viewer))) throw DomainError.notFound('Lot');
    return lot;
  }

  /**
   * R-LOT-1: the lot and its spots 1..capacity in one transaction, with its tariff version 1 (R-TARIFF-1):
   * one band at its price, in its zone, written by the database with the lot and credited to `by`.
   */
  async create(input: CreateLotDto, by: AuthUser): Promise<LotDto> {
    const id = await this.write(async (manager) => {
      const lotId = await this.lots.insertLot(
        {
          name: input.name,
          address: input.address,
          postalCode: postalCodeOrNull(input.postalCode),
          pricePerHourCents: input.pricePerHourCents,
          capacity: input.capacity,
          timeZone: input.timeZone ?? this.defaultTimeZone,
        },
        manager,
      );
      await this.tariffs.setAuthor(lotId, 1, by.id, manager);
      await this.lots.insertSpots(lotId, 1, input.capacity, manager);
      return lotId;
    });
    return (await this.readLot(id))!;
  }

  /**
   * R-LOT-1..3. The lot row stays locked FOR UPDATE until commit, so no booking can start in the lot
   * (bookings lock it FOR KEY SHARE) while spots are checked and removed. A price makes a new tariff version
   * of one band at that rate (R-TARIFF-1); a zone, a new version of the same bands read in that zone. Either
   * applies to later bookings only: each booking keeps its version (R-TARIFF-2).
   */
  async update(id: string, change: UpdateLotDto, by: AuthUser): Promise<LotDto> {
    const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as UpdateLotDto;
    if (Object.keys(fields).length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'Give at least one field to change', [{ field: 'body', errors: ['at least one field is required'] }]);
    }
    await this.write(async (manager) => {
      const lot = await this.lockForChange(id, manager);
      if (fields.capacity !== undefined) await this.changeCapacity(lot, fields.capacity, manager);
      const { pricePerHourCents, timeZone, ...lotFields } = fields;
      const postalCode = 'postalCode' in lotFields ? { postalCode: postalCodeOrNull(lotFields.postalCode) } : {};
      if (Object.keys(lotFields).length) await this.lots.updateLot(id, { ...lotFields, ...postalCode }, manager);
      if (pricePerHourCents !== undefined) {
        await this.tariffs.writeVersion(lot, oneBandTariff(pricePerHourCents, timeZone ?? lot.timeZone), by.id, manager);
      } else if (timeZone !== undefined && timeZone !== lot.timeZone) {
        await this.tariffs.writeVersion(lot, { ...(await this.tariffs.current(lot, manager)), timeZone }, by.id, manager);
      }
      return id;
    });
    return (await this.readLot(id))!;
  }

  /** R-LOT-4: DELETE archives; refused while anyone is parked or a reservation has not ended. */
  async archive(id: string): Promise<void> {
    await this.write(async (manager) => {
      const lot = await this.lots.lock(id, 'pessimistic_write', manager);
      if (!lot) throw DomainError.notFound('Lot');
      if (lot.archivedAt) return id;
      const now = this.clock.now();
      if (await this.lots.hasOccupantsOrUpcoming(id, now, manager)) throw new DomainError('LOT_IN_USE');
      await this.lots.updateLot(id, { archivedAt: now }, manager);
      return id;
    });
  }

  /**
   * Undoes R-LOT-4's archive: drivers list and book the lot again, with its spots as they were. Refused with
   * LOT_NAME_TAKEN while a lot that is not archived has its name (R-LOT-1). Like the archive, idempotent: a
   * lot that is not archived is answered as it is.
   */
  async restore(id: string): Promise<LotDto> {
    try {
      await this.write(async (manager) => {
        const lot = await this.lots.lock(id, 'pessimistic_write', manager);
        if (!lot) throw DomainError.notFound('Lot');
        if (lot.archivedAt) await this.lots.updateLot(id, { archivedAt: null }, manager);
        return id;
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'LOT_NAME_TAKEN') {
        throw new DomainError('LOT_NAME_TAKEN', 'A lot that is not archived has this name now: rename it before restoring this one');
      }
      throw error;
    }
    return (await this.readLot(id))!;
  }

  /** R-SPOT-1: occupancy details are for admins only, and their pages are never cached (running costs). */
  async listSpots(viewer: AuthUser, lotId: string, query: ListSpotsQueryDto): Promise<Page<SpotDto>> {
    const admin = isAdmin(viewer);
    const read = async () => {
      const lot = await this.lots.findById(lotId);
      if (!lot || (lot.archivedAt && !admin)) throw DomainError.notFound('Lot');
      const now = this.clock.now();
      const [spots, total] = await this.lots.listSpots(
        lotId,
        { status: query.status, offset: query.offset, limit: query.pageSize },
        now,
        this.occupancy.parkNowFrom(now),
      );
      return toPage(await Promise.all(spots.map((spot) => this.toSpotDto(spot, admin, now))), total, query);
    };
    if (admin) return read();
    return this.cache.getOrSet(lotCacheScopes.lot(lotId), `spots:${lotId}:${JSON.stringify([query.status, query.page, query.pageSize])}`, read);
  }

  /** R-SPOT-2. The spot row is locked so no booking of it can commit between the check and the change. */
  async updateSpot(lotId: string, spotId: string, outOfService: boolean): Promise<SpotDto> {
    await this.write(async (manager) => {
      await this.requireBookableLot(lotId, manager);
      const spot = await this.lots.lockSpot(lotId, spotId, manager);
      if (!spot || spot.archivedAt) throw DomainError.notFound('Spot');
      if (outOfService && !spot.outOfService && (await this.lots.spotInUse(spotId, this.clock.now(), manager))) throw new DomainError('SPOT_IN_USE');
      await this.lots.setOutOfService(spotId, outOfService, manager);
      return lotId;
    });
    const now = this.clock.now();
    const [[spot]] = await this.lots.listSpots(lotId, { spotId, offset: 0, limit: 1 }, now, this.occupancy.parkNowFrom(now));
    return await this.toSpotDto(spot, true, now);
  }

  /** R-BOOK-2: how many spots are free over a window, and what it would cost under the current tariff (as a quote of it says). */
  async availability(lotId: string, query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    const [startAt, endAt] = [new Date(query.startAt), new Date(query.endAt)];
    assertValidWindow(startAt, endAt, this.clock.now());
    return this.cache.getOrSet(lotCacheScopes.availability(lotId), `${lotId}:${startAt.toISOString()}:${endAt.toISOString()}`, async () => {
      const lot = await this.lots.findById(lotId);
      if (!lot) throw DomainError.notFound('Lot');
      if (lot.archivedAt) throw new DomainError('LOT_ARCHIVED');
      return {
        lotId,
        startAt: startAt.toISOString(),
        endAt: endAt.toISOString(),
        available: await this.occupancy.countFreeOver(lotId, startAt, endAt, this.clock.now()),
        capacity: lot.capacity,
        estimatedCostCents: priceStay(await this.tariffBook.get(lotId, lot.currentTariffVersion), startAt, endAt).totalCents,
        currency: this.currency,
      };
    });
  }

  /**
   * For the bookings module, inside its transaction: the lot, locked FOR KEY SHARE — concurrent bookings
   * do not block each other, while an archive or capacity change (FOR UPDATE) waits for them, and they
   * for it. 404 when unknown, 409 LOT_ARCHIVED when archived.
   */
  async requireBookableLot(lotId: string, manager: EntityManager): Promise<Lot> {
    const lot = await this.lots.lock(lotId, 'for_key_share', manager);
    if (!lot) throw DomainError.notFound('Lot');
    if (lot.archivedAt) throw new DomainError('LOT_ARCHIVED');
    return lot;
  }

  private async lockForChange(id: string, manager: EntityManager): Promise<Lot> {
    const lot = await this.lots.lock(id, 'pessimistic_write', manager);
    if (!lot) throw DomainError.notFound('Lot');
    if (lot.archivedAt) throw new DomainError('LOT_ARCHIVED');
    return lot;
  }

  /**
   * R-LOT-2. Spots are numbered 1..lot.capacity (the capacity column is kept equal to the live spots).
   * Removed spots go from the top; one with history is archived so its bookings keep their spot.
   */
  private async changeCapacity(lot: Lot, capacity: number, manager: EntityManager): Promise<void> {
    if (capacity > lot.capacity) {
      await this.lots.insertSpots(lot.id, lot.capacity + 1, capacity, manager);
    } else if (capacity < lot.capacity) {
      if (await this.lots.hasLiveBookingAbove(lot.id, capacity, manager)) throw new DomainError('CAPACITY_IN_USE');
      await this.lots.removeSpotsAbove(lot.id, capacity, this.clock.now(), manager);
    }
  }

  /**
   * Every write of lots or spots: one transaction, whose work answers the id of the lot it changed; a taken
   * name mapped to 409; and that lot's cached answers and the lot lists invalidated once it has committed
   * (R-CACHE-1).
   */
  private async write(work: (manager: EntityManager) => Promise<string>): Promise<string> {
    let lotId: string;
    try {
      lotId = await this.dataSource.transaction(work);
    } catch (error) {
      if (isViolationOf(error, PG.UNIQUE_VIOLATION, 'lots_name_active_key')) throw new DomainError('LOT_NAME_TAKEN');
      throw error;
    }
    await this.cache.invalidateLot(lotId);
    return lotId;
  }

  private async readLot(id: string): Promise<LotDto | null> {
    const now = this.clock.now();
    const lot = await this.lots.findWithCounts(id, now, this.occupancy.parkNowFrom(now));
    return lot && this.toLotDto(lot, now);
  }

  private toLotDto(lot: LotWithCounts, now: Date): LotDto {
    return {
      id: lot.id,
      name: lot.name,
      address: lot.address,
      postalCode: lot.postalCode,
      pricePerHourCents: rateAt(lot.tariff, now),
      timeZone: lot.timeZone,
      tariffVersion: lot.tariffVersion,
      currency: this.currency,
      capacity: lot.capacity,
      available: lot.capacity - lot.occupied - lot.reserved - lot.outOfService,
      occupied: lot.occupied,
      reserved: lot.reserved,
      outOfService: lot.outOfService,
      parkNowSpots: lot.parkNowSpots,
      overstays: lot.overstays,
      averageRating: lot.averageRating,
      reviewCount: lot.reviewCount,
      archived: lot.archivedAt !== null,
      archivedAt: lot.archivedAt?.toISOString() ?? null,
      createdAt: lot.createdAt.toISOString(),
    };
  }

  private async toSpotDto(spot: SpotWithStatus, admin: boolean, now: Date): Promise<SpotDto> {
    const dto: SpotDto = { id: spot.id, number: spot.number, status: spot.status, outOfService: spot.outOfService, overstay: spot.overstay };
    if (!admin) return dto;
    dto.hasActiveOrUpcomingBooking = spot.inUse;
    dto.nextReservationAt = spot.nextReservationAt?.toISOString() ?? null;
    if (spot.current) {
      const { lotId, tariffVersion, ratePerHourCents, lotTimeZone } = spot.current;
      dto.current = occupancy(spot.current, await this.tariffBook.forBooking({ lotId, tariffVersion, ratePerHourCents, timeZone: lotTimeZone }), now);
    }
    return dto;
  }
}

/** Who is on a spot, with the running cost of their stay under their booking's tariff (R-PRICE-4). */
function occupancy(booking: CurrentBooking, tariff: Tariff, now: Date): SpotOccupancyDto {
  const checkedInReservation = booking.type === BookingType.Reserved && booking.status === BookingStatus.Active;
  return {
    bookingId: booking.id,
    userId: booking.userId,
    username: booking.username,
    vehicleNumber: booking.vehicleNumber,
    type: booking.type,
    since: ((checkedInReservation && booking.checkedInAt) || booking.startAt).toISOString(),
    endAt: booking.endAt?.toISOString() ?? null,
    costCents: bookingCost(booking, tariff, now),
    ...overstayOf(booking, now),
    mustLeaveBy: booking.mustLeaveBy?.toISOString() ?? null,
  };
}
