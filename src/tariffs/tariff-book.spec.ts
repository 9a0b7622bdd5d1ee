import { oneBandTariff } from '../pricing/tariff';
import { TariffBook } from './tariff-book';

function setup() {
  const stored = new Map([['lot-a:2', oneBandTariff(300, 'Europe/Berlin')]]);
  const query = jest.fn(async (_sql: string, [lotId, version]: [string, number]) => {
    const tariff = stored.get(`${lotId}:${version}`);
    return tariff ? [{ tariff }] : [];
  });
  return { query, book: new TariffBook({ query } as never) };
}

describe('TariffBook', () => {
  it('reads a version once, however many bookings are priced with it at once or later', async () => {
    const { query, book } = setup();
    const [first, second] = await Promise.all([book.get('lot-a', 2), book.get('lot-a', 2)]);
    expect(await book.get('lot-a', 2)).toBe(first);
    expect(second).toBe(first);
    expect(first).toEqual(oneBandTariff(300, 'Europe/Berlin'));
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('prices a booking made before tariffs at its own rate, without reading anything', async () => {
    const { query, book } = setup();
    expect(await book.forBooking({ lotId: 'lot-a', tariffVersion: null, ratePerHourCents: 480, timeZone: 'UTC' })).toEqual(oneBandTariff(480, 'UTC'));
    expect(await book.forBooking({ lotId: 'lot-a', tariffVersion: 2, ratePerHourCents: 480, timeZone: 'UTC' })).toEqual(oneBandTariff(300, 'Europe/Berlin'));
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed read: an unknown version is asked for again', async () => {
    const { query, book } = setup();
    await expect(book.get('lot-a', 9)).rejects.toThrow('Lot lot-a has no tariff version 9');
    await expect(book.get('lot-a', 9)).rejects.toThrow();
    expect(query).toHaveBeenCalledTimes(2);
  });
});
