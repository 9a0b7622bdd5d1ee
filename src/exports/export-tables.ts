import { BookingStatus, BookingType } from '../bookings/entities/booking.entity';
import { PaymentMethod } from '../bookings/entities/payment.entity';
import { bookingCost } from '../bookings/pricing';
import { legacyTariff } from '../tariffs/tariff-book';
import { Role } from '../common/decorators/roles.decorator';
import { Cell } from './cells';
import { ExportKind, ExportLayout } from './export-formats';
import { ExportColumn, ExportTable } from './export-writer';
import { BookingExportRow, ExportSnapshot, ExportSource, LotExportRow, PaymentExportRow, UserExportRow } from './exports.repository';
import { isoFromPg, PgUtcTimestamp } from './pg-timestamp';
import { ZonedTimeFormat } from './zoned-time';

/**
 * How an export writes its values: amounts of one currency, costs as of `now`, and the layout — for
 * people (times in `timeZone`) or for machines (see ExportLayout).
 */
export interface ExportContext {
  currency: string;
  now: Date;
  layout: ExportLayout;
  /** IANA zone of the readable layout's times; the machine layout writes UTC. */
  timeZone: string;
}

export interface CountedTable extends ExportTable {
  /** Rows the table will have, counted in the same snapshot as the rows themselves. */
  count: number;
}

interface Column<Row> extends ExportColumn {
  cell: (row: Row) => Cell;
}

/** Times as ISO 8601 in UTC, like the API. */
const iso = (value: PgUtcTimestamp | null): string | null => (value === null ? null : isoFromPg(value));
const date = (value: PgUtcTimestamp | null): Date | null => (value === null ? null : new Date(isoFromPg(value)));

/**
 * As in the API: final once completed or expired, the cost so far while active (under the booking's tariff
 * version, read with the row from the export's snapshot; versions never change), 0 before.
 */
function costCents(b: BookingExportRow, now: Date): number {
  if (b.cost_cents !== null) return b.cost_cents;
  const tariff = b.open_tariff ?? legacyTariff(b.rate_per_hour_cents, b.lot_time_zone);
  return bookingCost({ type: b.type, status: b.status, startAt: new Date(isoFromPg(b.start_at)), endAt: date(b.end_at), releasedAt: date(b.released_at) }, tariff, now);
}

// ---------------------------------------------------------------------------------------------------
// Machine layout: the API's property names and values, ids first (unchanged since exports began).
// ---------------------------------------------------------------------------------------------------

function bookingCells({ currency, now }: ExportContext): Record<string, Column<BookingExportRow>['cell']> {
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
    costCents: (b) => costCents(b, now),
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

function machineUserColumns(): Column<UserExportRow>[] {
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

function machineLotColumns({ currency }: ExportContext): Column<LotExportRow>[] {
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

function machinePaymentColumns({ currency }: ExportContext): Column<PaymentExportRow>[] {
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

// ---------------------------------------------------------------------------------------------------
// Readable layout: headers in words, values as the app shows them, ids last.
// ---------------------------------------------------------------------------------------------------

const BOOKING_TYPES: Record<BookingType, string> = { [BookingType.Instant]: 'Park now', [BookingType.Reserved]: 'Reservation' };
const BOOKING_STATUSES: Record<BookingStatus, string> = {
  [BookingStatus.Reserved]: 'Reserved',
  [BookingStatus.Active]: 'Parked',
  [BookingStatus.Completed]: 'Completed',
  [BookingStatus.Cancelled]: 'Cancelled',
  [BookingStatus.Expired]: 'Expired',
};
const PAYMENT_METHODS: Record<PaymentMethod, string> = { [PaymentMethod.Card]: 'Card', [PaymentMethod.Upi]: 'UPI', [PaymentMethod.Cash]: 'Cash', [PaymentMethod.Wallet]: 'Wallet' };
const ROLES: Record<Role, string> = { [Role.User]: 'Driver', [Role.Admin]: 'Admin' };
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** Digits after the decimal point of the currency's minor unit: 2 for USD and EUR (cents), 0 for JPY. */
export function currencyDecimals(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

type ReadableValues = ReturnType<typeof readableValues>;

/** The value writers of the readable layout: times on the owner's calendar, money in currency units. */
function readableValues({ currency, timeZone }: ExportContext) {
  const zoned = new ZonedTimeFormat(timeZone);
  const decimals = currencyDecimals(currency);
  const unit = 10 ** decimals;
  return {
    time: (value: PgUtcTimestamp | null): Cell => zoned.pg(value),
    /** A money column: the amount in currency units, written with the currency's decimals ("12.50"). */
    money: <Row>(header: string, cents: (row: Row) => number): Column<Row> => ({ header, decimals, cell: (row) => cents(row) / unit }),
  };
}

function readableBookingColumns(context: ExportContext, { time, money }: ReadableValues, forAdmin: boolean): Column<BookingExportRow>[] {
  const onlyForAdmin = (column: Column<BookingExportRow>) => (forAdmin ? [column] : []);
  return [
    ...onlyForAdmin({ header: 'Driver', cell: (b) => b.username }),
    { header: 'Lot', cell: (b) => b.lot_name },
    { header: 'Spot', cell: (b) => b.spot_number },
    { header: 'Vehicle', cell: (b) => b.vehicle_number },
    { header: 'Type', cell: (b) => BOOKING_TYPES[b.type] },
    { header: 'Status', cell: (b) => BOOKING_STATUSES[b.status] },
    { header: 'Started', cell: (b) => time(b.start_at) },
    { header: 'Ended', cell: (b) => time(b.released_at) },
    { header: 'Reserved until', cell: (b) => time(b.end_at) },
    { header: 'Checked in', cell: (b) => time(b.checked_in_at) },
    money('Rate per hour', (b) => b.rate_per_hour_cents),
    money('Cost', (b) => costCents(b, context.now)),
    { header: 'Currency', cell: () => context.currency },
    { header: 'Paid', cell: (b) => yesNo(b.paid) },
    ...onlyForAdmin({ header: 'Release reason', cell: (b) => b.release_reason }),
    { header: 'Booked at', cell: (b) => time(b.created_at) },
    { header: 'Booking id', cell: (b) => b.id },
  ];
}

function readableUserColumns({ time }: ReadableValues): Column<UserExportRow>[] {
  return [
    { header: 'Username', cell: (u) => u.username },
    { header: 'E-mail', cell: (u) => u.email },
    { header: 'Full name', cell: (u) => u.full_name },
    { header: 'Role', cell: (u) => ROLES[u.role] },
    { header: 'Active', cell: (u) => yesNo(u.is_active) },
    { header: 'E-mail verified at', cell: (u) => time(u.email_verified_at) },
    { header: 'Registered at', cell: (u) => time(u.created_at) },
    { header: 'User id', cell: (u) => u.id },
  ];
}

function readableLotColumns(context: ExportContext, { time, money }: ReadableValues): Column<LotExportRow>[] {
  return [
    { header: 'Name', cell: (l) => l.name },
    { header: 'Address', cell: (l) => l.address },
    { header: 'Postal code', cell: (l) => l.postal_code },
    money('Price per hour', (l) => l.price_per_hour_cents),
    { header: 'Currency', cell: () => context.currency },
    { header: 'Capacity', cell: (l) => l.capacity },
    { header: 'Archived at', cell: (l) => time(l.archived_at) },
    { header: 'Created at', cell: (l) => time(l.created_at) },
    { header: 'Lot id', cell: (l) => l.id },
  ];
}

function readablePaymentColumns(context: ExportContext, { time, money }: ReadableValues): Column<PaymentExportRow>[] {
  return [
    { header: 'Paid at', cell: (p) => time(p.created_at) },
    { header: 'Driver', cell: (p) => p.username },
    money('Amount', (p) => p.amount_cents),
    { header: 'Currency', cell: () => context.currency },
    { header: 'Method', cell: (p) => PAYMENT_METHODS[p.method] },
    { header: 'Payment id', cell: (p) => p.id },
    { header: 'Booking id', cell: (p) => p.booking_id },
  ];
}

/** The columns of each table in a layout. */
interface LayoutColumns {
  driverBookings: Column<BookingExportRow>[];
  bookings: Column<BookingExportRow>[];
  users: Column<UserExportRow>[];
  lots: Column<LotExportRow>[];
  payments: Column<PaymentExportRow>[];
}

export function layoutColumns(context: ExportContext): LayoutColumns {
  if (context.layout === ExportLayout.Machine) {
    const bookings = bookingCells(context);
    return {
      driverBookings: pick(bookings, DRIVER_BOOKING_COLUMNS),
      bookings: pick(bookings, ADMIN_BOOKING_COLUMNS),
      users: machineUserColumns(),
      lots: machineLotColumns(context),
      payments: machinePaymentColumns(context),
    };
  }
  const values = readableValues(context);
  return {
    driverBookings: readableBookingColumns(context, values, false),
    bookings: readableBookingColumns(context, values, true),
    users: readableUserColumns(values),
    lots: readableLotColumns(context, values),
    payments: readablePaymentColumns(context, values),
  };
}

async function* toCells<Row>(rows: AsyncIterable<Row>, columns: Column<Row>[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield columns.map((column) => column.cell(row));
}

async function counted<Row>(name: string, source: ExportSource<Row>, columns: Column<Row>[]): Promise<CountedTable> {
  return {
    name,
    columns: columns.map(({ header, decimals }) => ({ header, decimals })),
    count: await source.count(),
    rows: () => toCells(source.rows(), columns),
  };
}

/**
 * The tables of an export: a driver's bookings, or (admin) users, lots, bookings and payments. Counted one
 * after the other on the snapshot's connection; their rows are read later, when the writer gets to them.
 */
export async function exportTables(kind: ExportKind, ownerId: string, snapshot: ExportSnapshot, context: ExportContext): Promise<CountedTable[]> {
  const columns = layoutColumns(context);
  if (kind === ExportKind.Bookings) return [await counted('Bookings', snapshot.driverBookings(ownerId), columns.driverBookings)];
  return [
    await counted('Users', snapshot.users(), columns.users),
    await counted('Lots', snapshot.lots(), columns.lots),
    await counted('Bookings', snapshot.bookings(), columns.bookings),
    await counted('Payments', snapshot.payments(), columns.payments),
  ];
}
