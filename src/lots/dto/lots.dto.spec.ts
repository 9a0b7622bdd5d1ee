import { DomainError } from '../../common/errors/domain-error';
import { createValidationPipe, FieldError } from '../../common/validation/validation.pipe';
import { AvailabilityQueryDto, CreateLotDto, ListLotsQueryDto, ListSpotsQueryDto, TariffInputDto, TariffQueryDto, UpdateLotDto } from './lots.dto';

const parse = <T>(metatype: new () => T, value: object, type: 'body' | 'query' = 'body'): Promise<T> =>
  createValidationPipe().transform(value, { type, metatype });

/** The fields the pipe refuses; [] when the input is accepted. */
async function refusedFields(metatype: new () => object, value: object, type: 'body' | 'query' = 'body'): Promise<string[]> {
  try {
    await parse(metatype, value, type);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return ((error as DomainError).details as FieldError[]).map((d) => d.field);
  }
}

const lot = { name: 'Central', address: '1 Main St', pricePerHourCents: 250, capacity: 10 };

describe('lots DTOs', () => {
  describe('CreateLotDto (R-LOT-1)', () => {
    it('trims the texts', async () => {
      expect(await parse(CreateLotDto, { ...lot, name: '  Central ', postalCode: ' 10115 ' })).toMatchObject({ name: 'Central', postalCode: '10115' });
    });

    it.each([
      ['name', ''],
      ['name', '   '],
      ['name', 'x'.repeat(101)],
      ['address', 'x'.repeat(201)],
      ['postalCode', 'x'.repeat(13)],
      ['pricePerHourCents', 0],
      ['pricePerHourCents', 1_000_001],
      ['pricePerHourCents', 2.5],
      ['capacity', 0],
      ['capacity', 5001],
      ['capacity', '10'],
    ])('refuses %s = %j', async (field, value) => {
      expect(await refusedFields(CreateLotDto, { ...lot, [field]: value })).toEqual([field]);
    });

    it('accepts the bounds', async () => {
      expect(await refusedFields(CreateLotDto, { ...lot, name: 'x'.repeat(100), pricePerHourCents: 1_000_000, capacity: 5000 })).toEqual([]);
      expect(await refusedFields(CreateLotDto, { ...lot, pricePerHourCents: 1, capacity: 1, postalCode: null })).toEqual([]);
    });
  });

  describe('UpdateLotDto', () => {
    it('accepts any subset, and null only for the postal code', async () => {
      expect(await refusedFields(UpdateLotDto, { capacity: 20 })).toEqual([]);
      expect(await refusedFields(UpdateLotDto, { postalCode: null })).toEqual([]);
      expect(await refusedFields(UpdateLotDto, { name: null, address: null, pricePerHourCents: null, capacity: null })).toEqual([
        'name',
        'address',
        'pricePerHourCents',
        'capacity',
      ]);
    });
  });

  describe('query DTOs', () => {
    it('lists lots 20 a page and spots 100 a page', async () => {
      expect(await parse(ListLotsQueryDto, {}, 'query')).toMatchObject({ page: 1, pageSize: 20 });
      expect(await parse(ListSpotsQueryDto, {}, 'query')).toMatchObject({ page: 1, pageSize: 100 });
      expect(await refusedFields(ListSpotsQueryDto, { pageSize: '101' }, 'query')).toEqual(['pageSize']);
    });

    it('reads includeArchived and the spot status strictly', async () => {
      expect(await parse(ListLotsQueryDto, { includeArchived: 'true' }, 'query')).toMatchObject({ includeArchived: true });
      expect(await refusedFields(ListLotsQueryDto, { includeArchived: '1' }, 'query')).toEqual(['includeArchived']);
      expect(await refusedFields(ListSpotsQueryDto, { status: 'outOfService' }, 'query')).toEqual([]);
      expect(await refusedFields(ListSpotsQueryDto, { status: 'free' }, 'query')).toEqual(['status']);
    });

    it('wants both ends of an availability window with an offset (R-ERR-2)', async () => {
      expect(await refusedFields(AvailabilityQueryDto, { startAt: '2030-01-01T10:00:00+01:00', endAt: '2030-01-01T12:00:00Z' }, 'query')).toEqual([]);
      expect(await refusedFields(AvailabilityQueryDto, { startAt: '2030-01-01T10:00:00' }, 'query')).toEqual(['startAt', 'endAt']);
    });
  });

  describe('time zones (R-TARIFF-1)', () => {
    it('takes an IANA zone on create and update, and refuses anything else', async () => {
      expect(await refusedFields(CreateLotDto, { ...lot, timeZone: 'Asia/Kolkata' })).toEqual([]);
      expect(await refusedFields(UpdateLotDto, { timeZone: 'America/Argentina/Buenos_Aires' })).toEqual([]);
      for (const timeZone of ['Mars/Olympus', '+01:00', '', null, 5]) {
        expect(await refusedFields(CreateLotDto, { ...lot, timeZone })).toEqual(['timeZone']);
        expect(await refusedFields(UpdateLotDto, { timeZone })).toEqual(['timeZone']);
      }
    });
  });

  describe('TariffInputDto (R-TARIFF-1)', () => {
    const band = { days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', ratePerHourCents: 300 };
    const tariff = { bands: [band] };

    it('accepts the fullest tariff and the barest one', async () => {
      expect(await refusedFields(TariffInputDto, tariff)).toEqual([]);
      const full = { timeZone: 'Europe/Berlin', bands: [band], graceMinutes: 120, incrementMinutes: 15, firstPeriod: { minutes: 1440, cents: 0 }, dailyMaxCents: 2400 };
      expect(await refusedFields(TariffInputDto, full)).toEqual([]);
      expect(await refusedFields(TariffInputDto, { ...tariff, firstPeriod: null, dailyMaxCents: null, graceMinutes: 0 })).toEqual([]);
      expect(await refusedFields(TariffInputDto, { bands: [{ ...band, ratePerHourCents: 0 }] })).toEqual([]);
    });

    it.each([
      ['timeZone', { timeZone: 'Nowhere/Special' }],
      ['graceMinutes', { graceMinutes: 121 }],
      ['graceMinutes', { graceMinutes: -1 }],
      ['incrementMinutes', { incrementMinutes: 7 }],
      ['incrementMinutes', { incrementMinutes: '15' }],
      ['firstPeriod.minutes', { firstPeriod: { minutes: 0, cents: 100 } }],
      ['firstPeriod.minutes', { firstPeriod: { minutes: 1441, cents: 100 } }],
      ['firstPeriod.cents', { firstPeriod: { minutes: 60, cents: -1 } }],
      ['dailyMaxCents', { dailyMaxCents: 0 }],
      ['dailyMaxCents', { dailyMaxCents: 1.5 }],
      ['bands', { bands: [] }],
      ['bands', { bands: 'all week' }],
      ['bands.0.days', { bands: [{ ...band, days: [] }] }],
      ['bands.0.days', { bands: [{ ...band, days: [0, 1] }] }],
      ['bands.0.days', { bands: [{ ...band, days: [1, 1] }] }],
      ['bands.0.from', { bands: [{ ...band, from: '24:00' }] }],
      ['bands.0.from', { bands: [{ ...band, from: '8:00' }] }],
      ['bands.0.to', { bands: [{ ...band, to: '24:01' }] }],
      ['bands.0.to', { bands: [{ ...band, from: '18:00', to: '08:00' }] }],
      ['bands.0.to', { bands: [{ ...band, from: '08:00', to: '08:00' }] }],
      ['bands.0.ratePerHourCents', { bands: [{ ...band, ratePerHourCents: 1_000_001 }] }],
      ['bands.0.colour', { bands: [{ ...band, colour: 'red' }] }],
    ])('refuses %s in %j', async (field, change) => {
      expect(await refusedFields(TariffInputDto, { ...tariff, ...change })).toEqual([field]);
    });

    it('reads ?version as a whole number from 1', async () => {
      expect(await parse(TariffQueryDto, { version: '3' }, 'query')).toMatchObject({ version: 3 });
      expect(await refusedFields(TariffQueryDto, { version: '0' }, 'query')).toEqual(['version']);
      expect(await refusedFields(TariffQueryDto, { version: 'latest' }, 'query')).toEqual(['version']);
    });
  });
});
