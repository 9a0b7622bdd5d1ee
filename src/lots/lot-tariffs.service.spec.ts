import { Clock } from '../common/clock';
import { Role } from '../common/decorators/roles.decorator';
import { AppCacheService } from '../cache/app-cache.service';
import { ALL_WEEKDAYS, oneBandTariff } from '../pricing/tariff';
import { TariffInputDto } from './dto/lots.dto';
import { Lot } from './entities/lot.entity';
import { LotTariffsRepository } from './lot-tariffs.repository';
import { LotTariffsService, tariffOf } from './lot-tariffs.service';
import { LotsRepository } from './lots.repository';

const NOW = new Date('2030-01-15T12:00:00Z');
const LOT_ID = '6f1c2b9e-4d3a-4b8e-9f10-1a2b3c4d5e6f';
const admin = { id: 'admin', role: Role.Admin };
const wholeWeek = (ratePerHourCents: number) => ({ days: [...ALL_WEEKDAYS], from: '00:00', to: '24:00', ratePerHourCents });

class FixedClock extends Clock {
  override now(): Date {
    return new Date(NOW);
  }
}

function setup(lot: Partial<Lot> = {}) {
  const manager = {};
  const tariffs = { insert: jest.fn(), find: jest.fn().mockResolvedValue({ lotArchived: false, stored: { lotId: LOT_ID, version: 4, tariff: oneBandTariff(1, 'UTC'), createdAt: NOW } }) };
  const lots = { lock: jest.fn().mockResolvedValue({ id: LOT_ID, timeZone: 'Europe/Berlin', currentTariffVersion: 3, archivedAt: null, ...lot }), updateLot: jest.fn() };
  const dataSource = { transaction: jest.fn((work: (m: object) => Promise<unknown>) => work(manager)) };
  const cache = { invalidateLot: jest.fn(), getOrSet: jest.fn() };
  const service = new LotTariffsService(
    tariffs as unknown as LotTariffsRepository,
    lots as unknown as LotsRepository,
    dataSource as never,
    cache as unknown as AppCacheService,
    new FixedClock(),
  );
  return { tariffs, lots, cache, service };
}

describe('tariffOf', () => {
  it('applies the defaults of R-TARIFF-1 and the lot’s zone, and writes weekdays in order', () => {
    const input = Object.assign(new TariffInputDto(), { bands: [{ ...wholeWeek(300), days: [7, 1, 3, 2, 6, 5, 4] }] });
    expect(tariffOf(input, 'Asia/Kolkata')).toEqual(oneBandTariff(300, 'Asia/Kolkata'));
    const full = Object.assign(new TariffInputDto(), { timeZone: 'UTC', bands: [wholeWeek(1)], graceMinutes: 5, incrementMinutes: 15, firstPeriod: { minutes: 60, cents: 250 }, dailyMaxCents: 900 });
    expect(tariffOf(full, 'Asia/Kolkata')).toEqual({ timeZone: 'UTC', bands: [wholeWeek(1)], graceMinutes: 5, incrementMinutes: 15, firstPeriod: { minutes: 60, cents: 250 }, dailyMaxCents: 900 });
  });
});

describe('LotTariffsService.replace', () => {
  it('writes the version after the current one, locking the lot FOR NO KEY UPDATE, and invalidates the lot', async () => {
    const { service, tariffs, lots, cache } = setup();
    const input = Object.assign(new TariffInputDto(), { bands: [wholeWeek(420)] });
    await expect(service.replace(admin, LOT_ID, input)).resolves.toMatchObject({ lotId: LOT_ID, version: 4 });
    expect(lots.lock).toHaveBeenCalledWith(LOT_ID, 'for_no_key_update', expect.anything());
    expect(tariffs.insert).toHaveBeenCalledWith(LOT_ID, 4, oneBandTariff(420, 'Europe/Berlin'), NOW, admin.id, expect.anything());
    expect(lots.updateLot).toHaveBeenCalledWith(LOT_ID, { currentTariffVersion: 4, timeZone: 'Europe/Berlin', pricePerHourCents: 420 }, expect.anything());
    expect(cache.invalidateLot).toHaveBeenCalledWith(LOT_ID);
  });

  it('refuses bands with gaps or overlaps (400 naming each) and writes nothing', async () => {
    const { service, tariffs, cache } = setup();
    const input = Object.assign(new TariffInputDto(), { bands: [{ ...wholeWeek(1), to: '12:00' }, { ...wholeWeek(2), from: '11:00' }] });
    await expect(service.replace(admin, LOT_ID, input)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'bands', errors: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `Overlap: ${day} 11:00–12:00 (bands 1 and 2)`) }],
    });
    expect(tariffs.insert).not.toHaveBeenCalled();
    expect(cache.invalidateLot).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown lot and 409 LOT_ARCHIVED for an archived one', async () => {
    const input = Object.assign(new TariffInputDto(), { bands: [wholeWeek(1)] });
    const unknown = setup();
    unknown.lots.lock.mockResolvedValue(null);
    await expect(unknown.service.replace(admin, LOT_ID, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setup({ archivedAt: NOW }).service.replace(admin, LOT_ID, input)).rejects.toMatchObject({ code: 'LOT_ARCHIVED' });
  });
});
