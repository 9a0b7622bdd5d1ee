import { ConfigService } from '@nestjs/config';
import { QueryFailedError } from 'typeorm';
import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { AppCacheService, lotCacheScopes } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { Role } from '../common/decorators/roles.decorator';
import { AppConfig } from '../config/app-config';
import { ListLotsQueryDto, ListSpotsQueryDto, SpotStatus } from './dto/lots.dto';
import { OccupancyService } from '../occupancy/occupancy.service';
import { ALL_WEEKDAYS, oneBandTariff, Tariff } from '../pricing/tariff';
import { Lot } from './entities/lot.entity';
import { LotTariffsService } from './lot-tariffs.service';
import { LotsRepository, LotWithCounts } from './lots.repository';
import { LotsService } from './lots.service';
import { TariffBook } from '../tariffs/tariff-book';

const NOW = new Date('2030-01-15T12:00:00Z');
const LOT_ID = '6f1c2b9e-4d3a-4b8e-9f10-1a2b3c4d5e6f';
const admin = { id: 'admin', role: Role.Admin };
const driver = { id: 'driver', role: Role.User };
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

class FixedClock extends Clock {
  override now(): Date {
    return new Date(NOW);
  }
}

const lotRow = (overrides: Partial<Lot> = {}): Lot => ({
  id: LOT_ID,
  name: 'Central',
  address: '1 Main St',
  postalCode: null,
  pricePerHourCents: 600,
  timeZone: 'Europe/Berlin',
  currentTariffVersion: 1,
  capacity: 5,
  archivedAt: null,
  createdAt: minutes(-60),
  updatedAt: minutes(-60),
  ...overrides,
});

const counts = (overrides: Partial<LotWithCounts> = {}): LotWithCounts => ({
  ...lotRow(),
  tariffVersion: 1,
  tariff: oneBandTariff(600, 'Europe/Berlin'),
  occupied: 1,
  reserved: 1,
  outOfService: 1,
  parkNowSpots: 2,
  overstays: 0,
  averageRating: 4.5,
  reviewCount: 2,
  ...overrides,
});

function setup() {
  const manager = {};
  const repo = {
    lock: jest.fn().mockResolvedValue(lotRow()),
    findById: jest.fn().mockResolvedValue(lotRow()),
    findWithCounts: jest.fn().mockResolvedValue(counts()),
    listWithCounts: jest.fn().mockResolvedValue([[counts()], 1]),
    listSpots: jest.fn().mockResolvedValue([[], 0]),
    updateLot: jest.fn(),
    insertLot: jest.fn().mockResolvedValue(LOT_ID),
    insertSpots: jest.fn(),
    hasLiveBookingAbove: jest.fn().mockResolvedValue(false),
    removeSpotsAbove: jest.fn(),
    hasOccupantsOrUpcoming: jest.fn().mockResolvedValue(false),
  };
  const dataSource = { transaction: jest.fn((work: (m: object) => Promise<unknown>) => work(manager)) };
  // A pass-through cache that records its calls.
  const cache = { getOrSet: jest.fn((_ns: string, _key: string, compute: () => Promise<unknown>) => compute()), invalidateLot: jest.fn() };
  const tariffs = { setAuthor: jest.fn(), writeVersion: jest.fn().mockResolvedValue(2), current: jest.fn().mockResolvedValue(dayAndNight) };
  const config = { get: () => ({ currency: 'EUR', timeZone: 'America/New_York' }) } as unknown as ConfigService<AppConfig, true>;
  const occupancy = { parkNowFrom: (now: Date) => new Date(now.getTime() + 3600_000) };
  // Every stored version of the lot reads as the day/night tariff.
  const tariffRows = { query: jest.fn().mockResolvedValue([{ tariff: dayAndNight }]) };
  const service = new LotsService(
    repo as unknown as LotsRepository,
    tariffs as unknown as LotTariffsService,
    dataSource as never,
    cache as unknown as AppCacheService,
    new FixedClock(),
    occupancy as unknown as OccupancyService,
    new TariffBook(tariffRows as never),
    config,
  );
  return { repo, cache, tariffs, service };
}

/** 3.00 an hour from 08:00 to 18:00 in Berlin, 1.00 otherwise. */
const dayAndNight: Tariff = {
  ...oneBandTariff(100, 'Europe/Berlin'),
  bands: [
    { days: ALL_WEEKDAYS, from: '00:00', to: '08:00', ratePerHourCents: 100 },
    { days: ALL_WEEKDAYS, from: '08:00', to: '18:00', ratePerHourCents: 300 },
    { days: ALL_WEEKDAYS, from: '18:00', to: '24:00', ratePerHourCents: 100 },
  ],
};

/** What PostgreSQL answers when a live lot already has the name (lots_name_active_key). */
const nameTaken = () =>
  Object.assign(new QueryFailedError('UPDATE', [], new Error('duplicate')), { driverError: { code: '23505', constraint: 'lots_name_active_key' } });

const query = <T extends object>(Type: new () => T, values: Partial<T> = {}) => Object.assign(new Type(), values);

describe('LotsService', () => {
  describe('reads', () => {
    it('derives available and the currency; caches the list by its normalised query', async () => {
      const { service, cache } = setup();
      const page = await service.list(driver, query(ListLotsQueryDto, { search: '' }));
      expect(page.items[0]).toMatchObject({ capacity: 5, available: 2, currency: 'EUR', archived: false, averageRating: 4.5 });
      expect(cache.getOrSet).toHaveBeenCalledWith(lotCacheScopes.lists, 'list:{"includeArchived":false,"page":1,"pageSize":20}', expect.any(Function));
    });

    it('lets only admins include archived lots (403)', async () => {
      const { service } = setup();
      await expect(service.list(driver, query(ListLotsQueryDto, { includeArchived: true }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(service.list(admin, query(ListLotsQueryDto, { includeArchived: true }))).resolves.toMatchObject({ total: 1 });
    });

    it('reads the price as the rate in force at the clock’s now, in the lot’s zone, with the zone and current version', async () => {
      const { service, repo } = setup();
      // NOW is 12:00 UTC, 13:00 in Berlin: the day band.
      repo.findWithCounts.mockResolvedValue(counts({ tariff: dayAndNight, tariffVersion: 4 }));
      await expect(service.get(driver, LOT_ID)).resolves.toMatchObject({ pricePerHourCents: 300, timeZone: 'Europe/Berlin', tariffVersion: 4 });
      repo.findWithCounts.mockResolvedValue(counts({ tariff: { ...dayAndNight, timeZone: 'Asia/Tokyo' } }));
      // 21:00 in Tokyo: the night band.
      await expect(service.get(driver, LOT_ID)).resolves.toMatchObject({ pricePerHourCents: 100 });
    });

    it('hides an archived lot from drivers only (404)', async () => {
      const { service, repo } = setup();
      repo.findWithCounts.mockResolvedValue(counts({ archivedAt: minutes(-1) }));
      await expect(service.get(driver, LOT_ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(service.get(admin, LOT_ID)).resolves.toMatchObject({ archived: true, archivedAt: minutes(-1).toISOString() });
    });

    it('shows admins who holds a spot: since check-in for a checked-in reservation, with its cost and overstay so far', async () => {
      const { service, repo, cache } = setup();
      // Made before tariffs (no version): priced at its own rate.
      const booking = { id: 'b1', userId: 'u1', username: 'jane', vehicleNumber: 'AB1234', ratePerHourCents: 600, tariffVersion: null, lotId: LOT_ID, lotTimeZone: 'UTC', releasedAt: null };
      repo.listSpots.mockResolvedValue([
        [
          {
            id: 's1',
            number: 1,
            outOfService: false,
            overstay: true,
            status: SpotStatus.Occupied,
            inUse: true,
            nextReservationAt: minutes(90),
            current: {
              ...booking,
              type: BookingType.Reserved,
              status: BookingStatus.Active,
              startAt: minutes(-60),
              endAt: minutes(-30),
              checkedInAt: minutes(-70),
              mustLeaveBy: null,
            },
          },
        ],
        1,
      ]);
      const page = await service.listSpots(admin, LOT_ID, query(ListSpotsQueryDto));
      // 30 minutes of window and 30 of overstay at 600 an hour.
      expect(page.items[0].current).toEqual({
        bookingId: 'b1',
        userId: 'u1',
        username: 'jane',
        vehicleNumber: 'AB1234',
        type: 'reserved',
        since: minutes(-70).toISOString(),
        endAt: minutes(-30).toISOString(),
        costCents: 600,
        overstay: true,
        overstayMinutes: 30,
        mustLeaveBy: null,
      });
      expect(page.items[0]).toMatchObject({ hasActiveOrUpcomingBooking: true, nextReservationAt: minutes(90).toISOString() });
      expect(cache.getOrSet).not.toHaveBeenCalled();

      const forDriver = await service.listSpots(driver, LOT_ID, query(ListSpotsQueryDto));
      expect(forDriver.items[0]).toEqual({ id: 's1', number: 1, status: 'occupied', outOfService: false, overstay: true });
    });
  });

  describe('writes', () => {
    it('refuses an update without fields (400) before touching the database', async () => {
      const { service, repo } = setup();
      await expect(service.update(LOT_ID, { name: undefined }, admin)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(repo.lock).not.toHaveBeenCalled();
    });

    it('adds spots above the current capacity, and checks before removing the highest', async () => {
      const { service, repo, cache } = setup();
      await service.update(LOT_ID, { capacity: 8 }, admin);
      expect(repo.insertSpots).toHaveBeenCalledWith(LOT_ID, 6, 8, expect.anything());
      await service.update(LOT_ID, { capacity: 3 }, admin);
      expect(repo.hasLiveBookingAbove).toHaveBeenCalledWith(LOT_ID, 3, expect.anything());
      expect(repo.removeSpotsAbove).toHaveBeenCalledWith(LOT_ID, 3, NOW, expect.anything());
      expect(repo.updateLot).toHaveBeenLastCalledWith(LOT_ID, { capacity: 3 }, expect.anything());
      expect(cache.invalidateLot).toHaveBeenCalledWith(LOT_ID);
    });

    it('refuses to remove spots with live bookings (409 CAPACITY_IN_USE) and invalidates nothing', async () => {
      const { service, repo, cache } = setup();
      repo.hasLiveBookingAbove.mockResolvedValue(true);
      await expect(service.update(LOT_ID, { capacity: 2, name: 'New' }, admin)).rejects.toMatchObject({ code: 'CAPACITY_IN_USE' });
      expect(repo.removeSpotsAbove).not.toHaveBeenCalled();
      expect(repo.updateLot).not.toHaveBeenCalled();
      expect(cache.invalidateLot).not.toHaveBeenCalled();
    });

    it('maps the unique index on live names to 409 LOT_NAME_TAKEN; a blank postal code is none', async () => {
      const { service, repo } = setup();
      repo.updateLot.mockRejectedValueOnce(nameTaken());
      await expect(service.update(LOT_ID, { name: 'Taken' }, admin)).rejects.toMatchObject({ code: 'LOT_NAME_TAKEN' });
      await service.update(LOT_ID, { postalCode: '' }, admin);
      expect(repo.updateLot).toHaveBeenLastCalledWith(LOT_ID, { postalCode: null }, expect.anything());
    });

    it('creates a lot in the server’s zone unless it names one, and credits version 1 to its admin', async () => {
      const { service, repo, tariffs } = setup();
      await service.create({ name: 'Central', address: '1 Main St', pricePerHourCents: 250, capacity: 5 }, admin);
      expect(repo.insertLot).toHaveBeenLastCalledWith(expect.objectContaining({ pricePerHourCents: 250, timeZone: 'America/New_York' }), expect.anything());
      expect(tariffs.setAuthor).toHaveBeenCalledWith(LOT_ID, 1, admin.id, expect.anything());
      await service.create({ name: 'Central', address: '1 Main St', pricePerHourCents: 250, capacity: 5, timeZone: 'Asia/Kolkata' }, admin);
      expect(repo.insertLot).toHaveBeenLastCalledWith(expect.objectContaining({ timeZone: 'Asia/Kolkata' }), expect.anything());
    });

    it('turns a price into a one-band version and a new zone into a version of the same bands there (R-TARIFF-1)', async () => {
      const { service, repo, tariffs } = setup();
      await service.update(LOT_ID, { pricePerHourCents: 450 }, admin);
      expect(tariffs.writeVersion).toHaveBeenLastCalledWith(expect.objectContaining({ id: LOT_ID }), oneBandTariff(450, 'Europe/Berlin'), admin.id, expect.anything());
      expect(repo.updateLot).not.toHaveBeenCalled();

      await service.update(LOT_ID, { pricePerHourCents: 450, timeZone: 'Asia/Tokyo', name: 'Renamed' }, admin);
      expect(tariffs.writeVersion).toHaveBeenLastCalledWith(expect.anything(), oneBandTariff(450, 'Asia/Tokyo'), admin.id, expect.anything());
      expect(repo.updateLot).toHaveBeenLastCalledWith(LOT_ID, { name: 'Renamed' }, expect.anything());

      await service.update(LOT_ID, { timeZone: 'Asia/Tokyo' }, admin);
      expect(tariffs.writeVersion).toHaveBeenLastCalledWith(expect.anything(), { ...dayAndNight, timeZone: 'Asia/Tokyo' }, admin.id, expect.anything());

      tariffs.writeVersion.mockClear();
      await service.update(LOT_ID, { timeZone: 'Europe/Berlin', capacity: 5 }, admin);
      expect(tariffs.writeVersion).not.toHaveBeenCalled();
    });

    it('archives once: LOT_IN_USE while in use, a no-op when already archived', async () => {
      const { service, repo } = setup();
      repo.hasOccupantsOrUpcoming.mockResolvedValueOnce(true);
      await expect(service.archive(LOT_ID)).rejects.toMatchObject({ code: 'LOT_IN_USE' });
      await service.archive(LOT_ID);
      expect(repo.updateLot).toHaveBeenCalledWith(LOT_ID, { archivedAt: NOW }, expect.anything());
      repo.lock.mockResolvedValue(lotRow({ archivedAt: NOW }));
      repo.updateLot.mockClear();
      await service.archive(LOT_ID);
      expect(repo.updateLot).not.toHaveBeenCalled();
    });

    it('restores an archived lot, leaves a live one as it is, and says why a taken name refuses it', async () => {
      const { service, repo, cache } = setup();
      repo.lock.mockResolvedValueOnce(lotRow({ archivedAt: minutes(-5) }));
      await expect(service.restore(LOT_ID)).resolves.toMatchObject({ id: LOT_ID, archived: false });
      expect(repo.lock).toHaveBeenCalledWith(LOT_ID, 'pessimistic_write', expect.anything());
      expect(repo.updateLot).toHaveBeenCalledWith(LOT_ID, { archivedAt: null }, expect.anything());
      expect(cache.invalidateLot).toHaveBeenCalledWith(LOT_ID);

      repo.updateLot.mockClear();
      await service.restore(LOT_ID);
      expect(repo.updateLot).not.toHaveBeenCalled();

      repo.lock.mockResolvedValueOnce(lotRow({ archivedAt: minutes(-5) }));
      repo.updateLot.mockRejectedValueOnce(nameTaken());
      await expect(service.restore(LOT_ID)).rejects.toMatchObject({ code: 'LOT_NAME_TAKEN', message: expect.stringContaining('rename it') });

      repo.lock.mockResolvedValueOnce(null);
      await expect(service.restore(LOT_ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('requireBookableLot locks FOR KEY SHARE and refuses unknown (404) and archived (409) lots', async () => {
      const { service, repo } = setup();
      await expect(service.requireBookableLot(LOT_ID, {} as never)).resolves.toMatchObject({ id: LOT_ID });
      expect(repo.lock).toHaveBeenCalledWith(LOT_ID, 'for_key_share', {});
      repo.lock.mockResolvedValueOnce(null);
      await expect(service.requireBookableLot(LOT_ID, {} as never)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      repo.lock.mockResolvedValueOnce(lotRow({ archivedAt: NOW }));
      await expect(service.requireBookableLot(LOT_ID, {} as never)).rejects.toMatchObject({ code: 'LOT_ARCHIVED' });
    });
  });
});
