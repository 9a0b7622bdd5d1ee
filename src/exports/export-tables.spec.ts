import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { PaymentMethod } from '../bookings/entities/payment.entity';
import { Cell } from './cells';
import { ExportKind, ExportLayout } from './export-formats';
import { CountedTable, ExportContext, exportTables } from './export-tables';
import { writeExport } from './export-writer';
import { BookingExportRow, ExportSnapshot, ExportSource, LotExportRow, PaymentExportRow, UserExportRow } from './exports.repository';
import { ProgressReporter } from './progress';

const NOW = new Date('2026-12-08T15:00:00Z');

/** A winter park-now stay, completed and paid: 12.50 for 2 h 5 min at 6.00/h (R-PRICE-2). */
const winter: BookingExportRow = {
  id: '3f2a1c4e-0000-4000-8000-000000000001',
  user_id: 'u1',
  username: 'dana',
  lot_id: 'l1',
  lot_name: 'Central Garage',
  spot_number: 3,
  vehicle_number: 'KA01AB1234',
  type: BookingType.Instant,
  status: BookingStatus.Completed,
  start_at: '2026-12-08 11:00:00+00',
  end_at: null,
  checked_in_at: null,
  released_at: '2026-12-08 13:05:30.5+00',
  rate_per_hour_cents: 600,
  tariff_version: null,
  lot_time_zone: 'Europe/Berlin',
  open_tariff: null,
  cost_cents: 1250,
  release_reason: null,
  paid: true,
  created_at: '2026-12-08 10:59:58+00',
};

/** A summer reservation still upcoming: no cost yet (R-PRICE-3). */
const summer: BookingExportRow = {
  ...winter,
  id: '3f2a1c4e-0000-4000-8000-000000000002',
  type: BookingType.Reserved,
  status: BookingStatus.Reserved,
  start_at: '2027-07-01 07:30:00+00',
  end_at: '2027-07-01 09:30:00+00',
  released_at: null,
  cost_cents: null,
  paid: false,
  created_at: '2026-12-08 14:00:00+00',
};

/** A park-now stay still running: its cost so far, 45 started minutes at 2.50/h = 1.88 (half up). */
const running: BookingExportRow = {
  ...winter,
  id: '3f2a1c4e-0000-4000-8000-000000000003',
  status: BookingStatus.Active,
  rate_per_hour_cents: 250,
  start_at: '2026-12-08 14:15:00+00',
  released_at: null,
  cost_cents: null,
  paid: false,
};

const user: UserExportRow = {
  id: 'u1',
  email: 'dana@example.com',
  username: 'dana',
  full_name: null,
  role: 'user' as UserExportRow['role'],
  is_active: true,
  email_verified_at: '2026-06-01 08:00:00+00',
  created_at: '2026-06-01 07:59:00+00',
};
const lot: LotExportRow = { id: 'l1', name: 'Central Garage', address: '1 Main St', postal_code: null, price_per_hour_cents: 600, capacity: 20, archived_at: null, created_at: '2026-01-01 00:00:00+00' };
const payment: PaymentExportRow = { id: 'p1', booking_id: winter.id, user_id: 'u1', username: 'dana', amount_cents: 1250, method: PaymentMethod.Upi, created_at: '2026-12-08 13:06:00+00' };

function source<Row>(rows: Row[]): ExportSource<Row> {
  return {
    count: async () => rows.length,
    rows: async function* () {
      yield* rows;
    },
  };
}

const snapshot = {
  driverBookings: () => source([winter, summer, running]),
  bookings: () => source([winter, summer, running]),
  users: () => source([user]),
  lots: () => source([lot]),
  payments: () => source([payment]),
} as unknown as ExportSnapshot;

const context = (layout: ExportLayout, timeZone = 'Europe/Berlin'): ExportContext => ({ currency: 'USD', now: NOW, layout, timeZone });

async function rowsOf(table: CountedTable): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const row of table.rows()) rows.push(row);
  return rows;
}

/** The table's rows as objects keyed by header, for reading one cell by its name. */
async function byHeader(table: CountedTable): Promise<Record<string, Cell>[]> {
  return (await rowsOf(table)).map((row) => Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]])));
}

describe('export tables, readable layout (the default)', () => {
  it("heads the driver's bookings with words, the booking id last", async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Readable));
    expect(table.columns.map((column) => column.header)).toEqual([
      'Lot', 'Spot', 'Vehicle', 'Type', 'Status', 'Started', 'Ended', 'Reserved until', 'Checked in', 'Rate per hour', 'Cost', 'Currency', 'Paid', 'Booked at', 'Booking id',
    ]);
    expect(table.count).toBe(3);
  });

  it('writes times on the driver’s calendar with the offset: +01:00 in a Berlin winter, +02:00 in summer', async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Readable));
    const [first, second] = await byHeader(table);
    expect(first).toMatchObject({ Started: '2026-12-08 12:00 +01:00', Ended: '2026-12-08 14:05 +01:00', 'Reserved until': null, 'Checked in': null, 'Booked at': '2026-12-08 11:59 +01:00' });
    expect(second).toMatchObject({ Started: '2027-07-01 09:30 +02:00', 'Reserved until': '2027-07-01 11:30 +02:00', Ended: null });
  });

  it('writes the same instants in another zone when the driver lives there', async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Readable, 'America/New_York'));
    expect((await byHeader(table))[0].Started).toBe('2026-12-08 06:00 -05:00');
  });

  it('writes money in currency units with two decimals, costs so far for a running stay, and words for codes', async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Readable));
    expect(table.columns.filter((column) => column.decimals !== undefined)).toEqual([
      { header: 'Rate per hour', decimals: 2 },
      { header: 'Cost', decimals: 2 },
    ]);
    const [first, second, third] = await byHeader(table);
    expect(first).toMatchObject({ Lot: 'Central Garage', Spot: 3, Vehicle: 'KA01AB1234', Type: 'Park now', Status: 'Completed', 'Rate per hour': 6, Cost: 12.5, Currency: 'USD', Paid: 'Yes', 'Booking id': winter.id });
    expect(second).toMatchObject({ Type: 'Reservation', Status: 'Reserved', Cost: 0, Paid: 'No' });
    expect(third).toMatchObject({ Status: 'Parked', 'Rate per hour': 2.5, Cost: 1.88 });
  });

  it('writes a CSV as a person reads it: the header row, "12.50" and the local time with its offset', async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Readable));
    const dir = await mkdtemp(join(tmpdir(), 'export-tables-'));
    try {
      const path = join(dir, 'bookings.csv');
      await writeExport('csv', [table], createWriteStream(path), new ProgressReporter(3, async () => undefined));
      const [header, first, , third] = (await readFile(path, 'utf8')).split('\r\n');
      expect(header).toBe('\uFEFFLot,Spot,Vehicle,Type,Status,Started,Ended,Reserved until,Checked in,Rate per hour,Cost,Currency,Paid,Booked at,Booking id');
      expect(first).toBe(`Central Garage,3,KA01AB1234,Park now,Completed,2026-12-08 12:00 +01:00,2026-12-08 14:05 +01:00,,,6.00,12.50,USD,Yes,2026-12-08 11:59 +01:00,${winter.id}`);
      expect(third.split(',').slice(9, 11)).toEqual(['2.50', '1.88']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("heads every sheet of the admin export with words; the bookings and payments sheets end with the booking id", async () => {
    const tables = await exportTables(ExportKind.All, 'admin', snapshot, context(ExportLayout.Readable));
    const headers = Object.fromEntries(tables.map((table) => [table.name, table.columns.map((column) => column.header)]));
    expect(headers.Bookings).toEqual([
      'Driver', 'Lot', 'Spot', 'Vehicle', 'Type', 'Status', 'Started', 'Ended', 'Reserved until', 'Checked in', 'Rate per hour', 'Cost', 'Currency', 'Paid', 'Release reason', 'Booked at', 'Booking id',
    ]);
    expect(headers.Payments).toEqual(['Paid at', 'Driver', 'Amount', 'Currency', 'Method', 'Payment id', 'Booking id']);
    expect(headers.Users).toEqual(['Username', 'E-mail', 'Full name', 'Role', 'Active', 'E-mail verified at', 'Registered at', 'User id']);
    expect(headers.Lots).toEqual(['Name', 'Address', 'Postal code', 'Price per hour', 'Currency', 'Capacity', 'Archived at', 'Created at', 'Lot id']);
    const [users, lots, , payments] = await Promise.all(tables.map(byHeader));
    expect(payments[0]).toEqual({ 'Paid at': '2026-12-08 14:06 +01:00', Driver: 'dana', Amount: 12.5, Currency: 'USD', Method: 'UPI', 'Payment id': 'p1', 'Booking id': winter.id });
    expect(users[0]).toMatchObject({ Role: 'Driver', Active: 'Yes', 'Registered at': '2026-06-01 09:59 +02:00' });
    expect(lots[0]).toMatchObject({ 'Price per hour': 6, 'Lot id': 'l1' });
  });

  it('writes amounts of a currency without minor digits as whole units', async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, { ...context(ExportLayout.Readable), currency: 'JPY' });
    expect(table.columns.find((column) => column.header === 'Cost')).toEqual({ header: 'Cost', decimals: 0 });
    expect((await byHeader(table))[0].Cost).toBe(1250);
  });
});

describe('export tables, machine layout', () => {
  it("keeps the driver's columns of before: property names, ids first, minor units, ISO 8601 in UTC", async () => {
    const [table] = await exportTables(ExportKind.Bookings, 'u1', snapshot, context(ExportLayout.Machine));
    expect(table.columns).toEqual(
      ['id', 'lotName', 'spotNumber', 'vehicleNumber', 'type', 'status', 'startAt', 'endAt', 'checkedInAt', 'releasedAt', 'ratePerHourCents', 'costCents', 'currency', 'paid', 'createdAt'].map((header) => ({ header })),
    );
    expect((await rowsOf(table))[0]).toEqual([
      winter.id, 'Central Garage', 3, 'KA01AB1234', 'instant', 'completed', '2026-12-08T11:00:00.000Z', null, null, '2026-12-08T13:05:30.500Z', 600, 1250, 'USD', true, '2026-12-08T10:59:58.000Z',
    ]);
  });

  it("keeps the admin's payments sheet of before", async () => {
    const tables = await exportTables(ExportKind.All, 'admin', snapshot, context(ExportLayout.Machine));
    const payments = tables.find((table) => table.name === 'Payments')!;
    expect(payments.columns.map((column) => column.header)).toEqual(['id', 'bookingId', 'userId', 'amountCents', 'currency', 'method', 'createdAt']);
    expect((await rowsOf(payments))[0]).toEqual(['p1', winter.id, 'u1', 1250, 'USD', 'upi', '2026-12-08T13:06:00.000Z']);
  });
});
