import { DomainError } from '../../common/errors/domain-error';
import { createValidationPipe, FieldError } from '../../common/validation/validation.pipe';
import { AvailabilityQueryDto, CreateLotDto, ListLotsQueryDto, ListSpotsQueryDto, UpdateLotDto } from './lots.dto';

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
});
