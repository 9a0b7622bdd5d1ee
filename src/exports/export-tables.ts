import { bookingCost } from '../bookings/pricing';
import { Cell } from './cells';
import { ExportKind } from './export-formats';
import { ExportTable } from './export-writer';
import { BookingExportRow, ExportSnapshot, ExportSource, LotExportRow, PaymentExportRow, UserExportRow } from './exports.repository';
import { isoFromPg, PgUtcTimestamp } from './pg-timestamp';

/** The values every export writes the same way: amounts in minor units of one currency, costs as of `now`. */
export interface ExportContext {
  currency: string;
  now: Date;
}

export interface CountedTable extends ExportTable {
  /** Rows the table will have, counted in the same snapshot as the rows themselves. */
  count: number;
}

interface Column<Row> {
  header: string;
  cell: (row: Row) => Cell;
}

/** Times as ISO 8601 in UTC, like the API. */
const iso = (value: PgUtcTimestamp | null): string | null => (value === null ? null : isoFromPg(value));
const date = (value: PgUtcTimestamp | null): Date | null => (value === null ? null : new Date(isoFromPg(value)));

function bookingColumns({ currency, now }: ExportContext): Record<string, Column<BookingExportRow>['cell']> {
  return {
    id: (b) => b.id,
    userId: (b) => b.user_id,
    username: (b) => b.username,
    lotId: (b) => b.lot_id,
    lotName: (b) => b.lot_name,
    spotNumber: (b) => b.spot_number,
    vehicleNumber: (b) => b.vehicle_number,
    type: (b) => b.type,
    status: (b) => b.status,
    startAt: (b) => iso(b.start_at),
    endAt: (b) => iso(b.end_at),
    checkedInAt: (b) => iso(b.checked_in_at),
    releasedAt: (b) => iso(b.released_at),
    ratePerHourCents: (b) => b.rate_per_hour_cents,
    // As in the API: final once completed or expired, the cost so far while active, 0 before.
    costCents: (b) =>
      b.cost_cents ??
      bookingCost(
        { type: b.type, status: b.status, startAt: new Date(isoFromPg(b.start_at)), endAt: date(b.end_at), releasedAt: date(b.released_at), ratePerHourCents: b.rate_per_hour_cents },
        now,
      ),
    currency: () => currency,
    paid: (b) => b.paid,
    releaseReason: (b) => b.release_reason,
    createdAt: (b) => iso(b.created_at),
  };
}

/** A driver's own history: the columns of a booking in the API, without the ids only an admin needs. */
const DRIVER_BOOKING_COLUMNS = [
  'id', 'lotName', 'spotNumber', 'vehicleNumber', 'type', 'status', 'startAt', 'endAt', 'checkedInAt', 'releasedAt',
  'ratePerHourCents', 'costCents', 'currency', 'paid', 'createdAt',
];

const ADMIN_BOOKING_COLUMNS = [
  'id', 'userId', 'username', 'lotId', 'lotName', 'spotNumber', 'vehicleNumber', 'type', 'status', 'startAt', 'endAt',
  'checkedInAt', 'releasedAt', 'ratePerHourCents', 'costCents', 'currency', 'paid', 'releaseReason', 'createdAt',
];

function pick<Row>(cells: Record<string, Column<Row>['cell']>, headers: string[]): Column<Row>[] {
  return headers.map((header) => ({ header, cell: cells[header] }));
}

function userColumns(): Column<UserExportRow>[] {
  return [
    { header: 'id', cell: (u) => u.id },
    { header: 'email', cell: (u) => u.email },
    { header: 'username', cell: (u) => u.username },
    { header: 'fullName', cell: (u) => u.full_name },
    { header: 'role', cell: (u) => u.role },
    { header: 'isActive', cell: (u) => u.is_active },
    { header: 'emailVerifiedAt', cell: (u) => iso(u.email_verified_at) },
    { header: 'createdAt', cell: (u) => iso(u.created_at) },
  ];
}

function lotColumns({ currency }: ExportContext): Column<LotExportRow>[] {
  return [
    { header: 'id', cell: (l) => l.id },
    { header: 'name', cell: (l) => l.name },
    { header: 'address', cell: (l) => l.address },
    { header: 'postalCode', cell: (l) => l.postal_code },
    { header: 'pricePerHourCents', cell: (l) => l.price_per_hour_cents },
    { header: 'currency', cell: () => currency },
    { header: 'capacity', cell: (l) => l.capacity },
    { header: 'archivedAt', cell: (l) => iso(l.archived_at) },
    { header: 'createdAt', cell: (l) => iso(l.created_at) },
  ];
}

function paymentColumns({ currency }: ExportContext): Column<PaymentExportRow>[] {
  return [
    { header: 'id', cell: (p) => p.id },
    { header: 'bookingId', cell: (p) => p.booking_id },
    { header: 'userId', cell: (p) => p.user_id },
    { header: 'amountCents', cell: (p) => p.amount_cents },
    { header: 'currency', cell: () => currency },
    { header: 'method', cell: (p) => p.method },
    { header: 'createdAt', cell: (p) => iso(p.created_at) },
  ];
}

async function* toCells<Row>(rows: AsyncIterable<Row>, columns: Column<Row>[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield columns.map((column) => column.cell(row));
}

async function counted<Row>(name: string, source: ExportSource<Row>, columns: Column<Row>[]): Promise<CountedTable> {
  return { name, headers: columns.map((column) => column.header), count: await source.count(), rows: () => toCells(source.rows(), columns) };
}

/**
 * The tables of an export: a driver's bookings, or (admin) users, lots, bookings and payments. Counted one
 * after the other on the snapshot's connection; their rows are read later, when the writer gets to them.
 */
export async function exportTables(kind: ExportKind, ownerId: string, snapshot: ExportSnapshot, context: ExportContext): Promise<CountedTable[]> {
  const bookings = bookingColumns(context);
  if (kind === ExportKind.Bookings) return [await counted('Bookings', snapshot.driverBookings(ownerId), pick(bookings, DRIVER_BOOKING_COLUMNS))];
  return [
    await counted('Users', snapshot.users(), userColumns()),
    await counted('Lots', snapshot.lots(), lotColumns(context)),
    await counted('Bookings', snapshot.bookings(), pick(bookings, ADMIN_BOOKING_COLUMNS)),
    await counted('Payments', snapshot.payments(), paymentColumns(context)),
  ];
}
