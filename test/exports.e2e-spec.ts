import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import yauzl from 'yauzl';
import { ExportsSchedule } from '../src/exports/exports.schedule';
import { JobName, QueueName } from '../src/queues/queue-names';
import { FakeClock } from './support/fake-clock';
import { ParsedMail, readAttachments, waitForMails } from './support/outbox';
import { bearer, createLot, createTestApp, loginAdmin, registerVerified, settleQueues, SignedIn, TestApp } from './support/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A booking as GET /api/bookings answers it. */
interface Booking {
  id: string;
  lotName: string;
  spotNumber: number;
  vehicleNumber: string;
  type: string;
  status: string;
  startAt: string;
  endAt: string | null;
  checkedInAt: string | null;
  releasedAt: string | null;
  ratePerHourCents: number;
  costCents: number;
  currency: string;
  paid: boolean;
  createdAt: string;
}

/** The machine layout's columns (`layout: "machine"`): the API's property names, as exports always had. */
const HEADERS = ['id', 'lotName', 'spotNumber', 'vehicleNumber', 'type', 'status', 'startAt', 'endAt', 'checkedInAt', 'releasedAt', 'ratePerHourCents', 'costCents', 'currency', 'paid', 'createdAt'];

/** The readable layout's columns (the default): words, the booking id last. */
const READABLE_HEADERS = ['Lot', 'Spot', 'Vehicle', 'Type', 'Status', 'Started', 'Ended', 'Reserved until', 'Checked in', 'Rate per hour', 'Cost', 'Currency', 'Paid', 'Booked at', 'Booking id'];

/**
 * The zones of the readable exports below keep one offset all year (no daylight saving), so a time is
 * checked by plain arithmetic: APP_TIMEZONE of this app, and a zone a driver asks for.
 */
const APP_ZONE = { name: 'Asia/Kolkata', offset: '+05:30', minutes: 330 };
const ASKED_ZONE = { name: 'America/Sao_Paulo', offset: '-03:00', minutes: -180 };

/** An API time as a person in that zone reads it in the export: `2026-12-08 14:05 +05:30`. */
const localTime = (iso: string, zone: { offset: string; minutes: number }) =>
  `${new Date(Date.parse(iso) + zone.minutes * MINUTE).toISOString().slice(0, 16).replace('T', ' ')} ${zone.offset}`;

/** Minor units as currency units with two decimals, as a person writes them: 338 → "3.38". */
const units = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The row the export must hold for a booking; the lot name starts with "=", so the file neutralises it. */
const expectedRow = (b: Booking) => [
  b.id, `'${b.lotName}`, b.spotNumber, b.vehicleNumber, b.type, b.status, b.startAt, b.endAt, b.checkedInAt, b.releasedAt,
  b.ratePerHourCents, b.costCents, b.currency, b.paid, b.createdAt,
];

/** CSV has no types: numbers and booleans as written, nulls as empty fields. */
const asCsv = (row: unknown[]) => row.map((value) => (value === null ? '' : String(value)));

/** RFC 4180 with the BOM and CRLF line ends the export writes. */
function parseCsv(content: Buffer): string[][] {
  const text = content.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** Every sheet of a workbook as rows of cell values (null for an empty cell), header first. */
async function parseXlsx(content: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return new Map(
    workbook.worksheets.map((sheet) => {
      const width = sheet.getRow(1).cellCount;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null)));
      return [sheet.name, rows];
    }),
  );
}

function unzip(content: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((done, fail) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, zip) => {
      if (error) return fail(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return fail(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => done(files));
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}

/** supertest collects a binary body into a Buffer with this parser (it hands over the raw response stream). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('exports (API, R-JOB-5)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let queue: Queue;
  let admin: SignedIn;
  let driver: SignedIn;
  let other: SignedIn;
  let bookings: Booking[];
  /** Every progress value each export job reported, in order, as the worker wrote its rows. */
  const progressOf = new Map<string, number[]>();

  const exportsOf = (who: SignedIn, jobId: string, suffix = '') => request(t.http).get(`/api/exports/${jobId}${suffix}`).set(bearer(who.accessToken));
  const download = (who: SignedIn, jobId: string) => exportsOf(who, jobId, '/download').buffer(true).parse(binary);

  /** Requests an export and waits for the worker: the job, then its mail, are done. */
  async function runExport(who: SignedIn, path: '/api/exports' | '/api/admin/exports', format: string, options: { layout?: string; timeZone?: string } = {}) {
    const created = await request(t.http).post(path).set(bearer(who.accessToken)).send({ format, ...options }).expect(202);
    expect(created.body).toEqual({ jobId: expect.stringMatching(/^[1-9]\d*$/) });
    await settleQueues(t, 30_000);
    const { body: status } = await exportsOf(who, created.body.jobId).expect(200);
    return status;
  }

  /** The export-ready mail of an export (its text names the format and links the file) and its one attachment. */
  async function exportMail(who: SignedIn, formatLabel: string, jobId: string): Promise<{ mail: ParsedMail; attachment: { filename: string; contentType: string; content: Buffer } }> {
    const isIt = (mail: ParsedMail) =>
      mail.subject.includes('export is ready') && mail.text.includes(`Format:          ${formatLabel}`) && mail.text.includes(`/api/exports/${jobId}/download`);
    const [mail] = await waitForMails(t.config.mail.outboxDir, who.user.email, 1, 15_000, isIt);
    const attachments = await readAttachments(t.config.mail.outboxDir, mail);
    expect(attachments).toHaveLength(1);
    return { mail, attachment: attachments[0] };
  }

  beforeAll(async () => {
    t = await createTestApp({ APP_TIMEZONE: APP_ZONE.name }, clock);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Exports));
    queue.on('progress', (job: Job, progress: number) => progressOf.set(String(job.id), [...(progressOf.get(String(job.id)) ?? []), progress]));
    admin = await loginAdmin(t);
    driver = await registerVerified(t, 'exporter');
    other = await registerVerified(t, 'other');

    // Four bookings in four states: completed and paid, active, reserved, cancelled.
    const lot = await createLot(t, admin.accessToken, { name: '=cmd|calc, "quoted"', capacity: 5, pricePerHourCents: 450 });
    const book = async (body: object) => (await request(t.http).post('/api/bookings').set(bearer(driver.accessToken)).send({ lotId: lot.id, ...body }).expect(201)).body;
    const act = (id: string, action: string, body: object = {}) => request(t.http).post(`/api/bookings/${id}/${action}`).set(bearer(driver.accessToken)).send(body);
    const inDays = (days: number, hours = 0) => new Date(clock.now().getTime() + days * DAY + hours * 60 * MINUTE).toISOString();

    const completed = await book({ vehicleNumber: 'EXP0001' });
    clock.advanceMinutes(45);
    await act(completed.id, 'release').expect(200);
    await act(completed.id, 'payment', { method: 'card' }).expect(201);
    await book({ vehicleNumber: 'EXP0002' });
    await book({ vehicleNumber: 'EXP0003', type: 'reserved', startAt: inDays(1), endAt: inDays(1, 2) });
    const cancelled = await book({ vehicleNumber: 'EXP0004', type: 'reserved', startAt: inDays(2), endAt: inDays(2, 1) });
    await act(cancelled.id, 'cancel').expect(200);
    clock.advanceMinutes(10);

    const listed = await request(t.http).get('/api/bookings').query({ pageSize: 100 }).set(bearer(driver.accessToken)).expect(200);
    // The export lists a history in time order.
    bookings = (listed.body.items as Booking[]).sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
    expect(bookings.map((b) => b.status).sort()).toEqual(['active', 'cancelled', 'completed', 'reserved']);
    await settleQueues(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it("exports a driver's bookings for people by default: headers in words, money in units, times in the asked zone, the id last", async () => {
    const status = await runExport(driver, '/api/exports', 'csv', { timeZone: ASKED_ZONE.name });
    expect(status).toMatchObject({ format: 'csv', kind: 'bookings', state: 'completed', rowCount: 4 });
    const rows = parseCsv((await download(driver, status.jobId).expect(200)).body);
    expect(rows[0]).toEqual(READABLE_HEADERS);
    const cell = (row: string[], header: string) => row[READABLE_HEADERS.indexOf(header)];
    const completed = bookings.find((b) => b.status === 'completed')!;
    const row = rows.find((r) => r[r.length - 1] === completed.id)!;
    // 45 started minutes at 4.50 an hour: 3.375, rounded half up (R-PRICE-2).
    expect(completed.costCents).toBe(338);
    expect(cell(row, 'Cost')).toBe('3.38');
    expect(cell(row, 'Rate per hour')).toBe('4.50');
    expect(cell(row, 'Started')).toBe(localTime(completed.startAt, ASKED_ZONE));
    expect(cell(row, 'Ended')).toBe(localTime(completed.releasedAt!, ASKED_ZONE));
    expect(cell(row, 'Started')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} -03:00$/);
    expect(row.slice(0, 5)).toEqual([`'${completed.lotName}`, String(completed.spotNumber), completed.vehicleNumber, 'Park now', 'Completed']);
    expect([cell(row, 'Currency'), cell(row, 'Paid')]).toEqual(['USD', 'Yes']);
    // Every booking, in time order, its id last.
    expect(rows.slice(1).map((r) => r[r.length - 1])).toEqual(bookings.map((b) => b.id));
    const reserved = bookings.find((b) => b.status === 'reserved')!;
    expect(cell(rows.find((r) => r[r.length - 1] === reserved.id)!, 'Reserved until')).toBe(localTime(reserved.endAt!, ASKED_ZONE));
  });

  it('writes the times of a readable export in APP_TIMEZONE when the request names no zone', async () => {
    const status = await runExport(driver, '/api/exports', 'csv');
    const rows = parseCsv((await download(driver, status.jobId).expect(200)).body);
    expect(rows[0]).toEqual(READABLE_HEADERS);
    expect(rows.slice(1).map((row) => row[READABLE_HEADERS.indexOf('Started')])).toEqual(bookings.map((b) => localTime(b.startAt, APP_ZONE)));
  });

  it("writes a readable xlsx: money as number cells formatted 0.00, times as text with the offset", async () => {
    const status = await runExport(driver, '/api/exports', 'xlsx', { timeZone: ASKED_ZONE.name });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(driver, status.jobId).expect(200)).body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Bookings')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(READABLE_HEADERS);
    const completed = bookings.find((b) => b.status === 'completed')!;
    const row = sheet.getRow(bookings.indexOf(completed) + 2);
    const cell = (header: string) => row.getCell(READABLE_HEADERS.indexOf(header) + 1);
    expect(cell('Booking id').value).toBe(completed.id);
    expect([cell('Cost').value, cell('Cost').numFmt]).toEqual([3.38, '0.00']);
    expect(cell('Started').value).toBe(localTime(completed.startAt, ASKED_ZONE));
  });

  it('refuses an unknown time zone or layout with 400 VALIDATION_FAILED and queues nothing', async () => {
    const before = await queue.getJobCounts();
    for (const [body, field] of [
      [{ format: 'csv', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ format: 'csv', timeZone: '+01:00' }, 'timeZone'],
      [{ format: 'csv', timeZone: 42 }, 'timeZone'],
      [{ format: 'csv', layout: 'pretty' }, 'layout'],
    ] as const) {
      const refused = await request(t.http).post('/api/exports').set(bearer(driver.accessToken)).send(body).expect(400);
      expect(refused.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String), details: [{ field, errors: [expect.any(String)] }] });
    }
    const wrongZone = await request(t.http).post('/api/admin/exports').set(bearer(admin.accessToken)).send({ format: 'csv', timeZone: 'Europe/Berln' }).expect(400);
    expect(wrongZone.body.details).toEqual([{ field: 'timeZone', errors: ['timeZone must be an IANA time zone such as Europe/Berlin'] }]);
    expect(await queue.getJobCounts()).toEqual(before);
  });

  it("exports a driver's bookings as CSV in the machine layout: progress to 100, exactly their rows, and the file mailed to them", async () => {
    const status = await runExport(driver, '/api/exports', 'csv', { layout: 'machine', timeZone: ASKED_ZONE.name });
    expect(status).toEqual({
      jobId: expect.any(String),
      format: 'csv',
      kind: 'bookings',
      state: 'completed',
      progress: 100,
      rowCount: 4,
      sizeBytes: expect.any(Number),
      downloadUrl: `/api/exports/${status.jobId}/download`,
      expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      createdAt: expect.any(String),
    });
    // Reported while the rows were written, one row at a time here, then 100 once the file was complete.
    expect(progressOf.get(status.jobId)).toEqual([25, 50, 75, 99, 100]);

    const file = await download(driver, status.jobId).expect(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="parking-bookings-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(file.body.length).toBe(status.sizeBytes);
    const rows = parseCsv(file.body);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.slice(1)).toEqual(bookings.map((b) => asCsv(expectedRow(b))));

    const { mail, attachment } = await exportMail(driver, 'CSV', status.jobId);
    expect(mail.subject).toBe('Your bookings export is ready');
    expect(mail.text).toMatch(/Rows: +4/);
    expect(mail.text).toContain(`${t.config.app.publicUrl}/api/exports/${status.jobId}/download`);
    expect(attachment).toMatchObject({ filename: expect.stringMatching(/^parking-bookings-.*\.csv$/), contentType: 'text/csv' });
    expect(parseCsv(attachment.content)).toEqual(rows);
  });

  it("exports a driver's bookings as xlsx in the machine layout with typed cells, and mails the workbook", async () => {
    const status = await runExport(driver, '/api/exports', 'xlsx', { layout: 'machine' });
    expect(status).toMatchObject({ format: 'xlsx', kind: 'bookings', state: 'completed', progress: 100, rowCount: 4 });

    const file = await download(driver, status.jobId).expect(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="parking-bookings-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const sheets = await parseXlsx(file.body);
    expect([...sheets.keys()]).toEqual(['Bookings']);
    expect(sheets.get('Bookings')).toEqual([HEADERS, ...bookings.map(expectedRow)]);

    const { attachment } = await exportMail(driver, 'Excel workbook (xlsx)', status.jobId);
    expect(attachment.filename).toMatch(/\.xlsx$/);
    expect((await parseXlsx(attachment.content)).get('Bookings')).toEqual([HEADERS, ...bookings.map(expectedRow)]);
  });

  it("answers 404 for another user's export and an unknown one, 400 for a malformed id, 401 without a token", async () => {
    const { jobId } = await runExport(driver, '/api/exports', 'csv');
    for (const who of [other, admin]) {
      expect((await exportsOf(who, jobId).expect(404)).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Export not found' });
      expect((await download(who, jobId).expect(404)).body.toString()).toContain('"code":"NOT_FOUND"');
    }
    await exportsOf(driver, '99999999').expect(404);
    // A job of the queue that is not an export (the clean-up's id is not even of the right shape).
    const malformed = await exportsOf(driver, 'cleanup-exports:2026-11-22').expect(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'jobId', errors: ['jobId must be a positive integer'] }] });
    await exportsOf(driver, '7f1f2b8e-1c1d-4e5f-9a0b-1c2d3e4f5a6b').expect(400);
    await request(t.http).get(`/api/exports/${jobId}`).expect(401);
    await request(t.http).get(`/api/exports/${jobId}/download`).expect(401);
    await request(t.http).post('/api/exports').send({ format: 'csv' }).expect(401);
    await request(t.http).post('/api/admin/exports').send({ format: 'csv' }).expect(401);
  });

  it('validates the request: format csv or xlsx only, no other field; the admin export is for admins (403)', async () => {
    const post = (body: object, who = driver, path = '/api/exports') => request(t.http).post(path).set(bearer(who.accessToken)).send(body);
    for (const body of [{}, { format: 'pdf' }, { format: 'CSV' }, { format: 'csv', kind: 'all' }]) {
      expect((await post(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await post({ format: 'csv' }, driver, '/api/admin/exports').expect(403)).body.code).toBe('FORBIDDEN');
    expect((await post({ format: 'xml' }, admin, '/api/admin/exports').expect(400)).body.details).toEqual([{ field: 'format', errors: [expect.any(String)] }]);
    await settleQueues(t);
  });

  it('answers 409 EXPORT_NOT_READY for the file while the export waits, and reports it as waiting', async () => {
    await queue.pause(true);
    try {
      const { body } = await request(t.http).post('/api/exports').set(bearer(driver.accessToken)).send({ format: 'csv' }).expect(202);
      expect((await exportsOf(driver, body.jobId).expect(200)).body).toMatchObject({ state: 'waiting', progress: 0 });
      expect((await exportsOf(driver, body.jobId).expect(200)).body.downloadUrl).toBeUndefined();
      expect((await download(driver, body.jobId).expect(409)).body.toString()).toContain('"code":"EXPORT_NOT_READY"');
    } finally {
      await queue.resume(true);
    }
    await settleQueues(t, 30_000);
  });

  it('exports everything for an admin as xlsx: users, lots, bookings and payments, one sheet each (machine layout)', async () => {
    const status = await runExport(admin, '/api/admin/exports', 'xlsx', { layout: 'machine' });
    const counts = await tableCounts();
    expect(status).toMatchObject({ kind: 'all', format: 'xlsx', state: 'completed', progress: 100, rowCount: counts.users + counts.lots + counts.bookings + counts.payments });

    const sheets = await parseXlsx((await download(admin, status.jobId).expect(200)).body);
    expect([...sheets.keys()]).toEqual(['Users', 'Lots', 'Bookings', 'Payments']);
    const [users, lots, allBookings, payments] = [...sheets.values()];
    expect([users.length, lots.length, allBookings.length, payments.length]).toEqual([counts.users + 1, counts.lots + 1, counts.bookings + 1, counts.payments + 1]);
    expect(users[0]).toEqual(['id', 'email', 'username', 'fullName', 'role', 'isActive', 'emailVerifiedAt', 'createdAt']);
    expect(users).toContainEqual(expect.arrayContaining([driver.user.id, driver.user.email, 'user', true]));
    expect(allBookings[0].slice(0, 3)).toEqual(['id', 'userId', 'username']);
    expect(allBookings.map((row) => row[0])).toEqual(expect.arrayContaining(bookings.map((b) => b.id)));
    const paid = bookings.find((b) => b.paid)!;
    expect(payments.find((row) => row[1] === paid.id)).toEqual([expect.any(String), paid.id, driver.user.id, paid.costCents, 'USD', 'card', expect.any(String)]);
  });

  it('exports everything for an admin as csv for people: a zip of four CSV files; admins can also export their own bookings', async () => {
    const status = await runExport(admin, '/api/admin/exports', 'csv');
    const counts = await tableCounts();
    const file = await download(admin, status.jobId).expect(200);
    expect(file.headers['content-type']).toBe('application/zip');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="parking-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = await unzip(file.body);
    expect([...files.keys()]).toEqual(['users.csv', 'lots.csv', 'bookings.csv', 'payments.csv']);
    const rowsOf = (name: string) => parseCsv(files.get(name)!).length - 1;
    expect({ users: rowsOf('users.csv'), lots: rowsOf('lots.csv'), bookings: rowsOf('bookings.csv'), payments: rowsOf('payments.csv') }).toEqual(counts);

    // Readable (the default): the payments and bookings end with the booking id; money in units, times in APP_TIMEZONE.
    const payments = parseCsv(files.get('payments.csv')!);
    expect(payments[0]).toEqual(['Paid at', 'Driver', 'Amount', 'Currency', 'Method', 'Payment id', 'Booking id']);
    const paid = bookings.find((b) => b.paid)!;
    expect(payments.find((row) => row[6] === paid.id)).toEqual([expect.stringMatching(/ \+05:30$/), driver.user.username, units(paid.costCents), 'USD', 'Card', expect.any(String), paid.id]);
    const allBookings = parseCsv(files.get('bookings.csv')!);
    expect(allBookings[0][0]).toBe('Driver');
    expect(allBookings[0].at(-1)).toBe('Booking id');
    expect(allBookings.find((row) => row.at(-1) === paid.id)).toEqual(expect.arrayContaining([driver.user.username, units(paid.costCents), localTime(paid.startAt, APP_ZONE)]));

    const { attachment } = await exportMail(admin, 'zip of CSV files', status.jobId);
    expect((await unzip(attachment.content)).get('payments.csv')).toEqual(files.get('payments.csv'));

    const own = await runExport(admin, '/api/exports', 'csv');
    expect(own).toMatchObject({ kind: 'bookings', state: 'completed', rowCount: 0 });
    expect(parseCsv((await download(admin, own.jobId).expect(200)).body)).toEqual([READABLE_HEADERS]);
    const ownMachine = await runExport(admin, '/api/exports', 'csv', { layout: 'machine' });
    expect(parseCsv((await download(admin, ownMachine.jobId).expect(200)).body)).toEqual([HEADERS]);
  });

  it('refuses an export past its 7 days: state expired, no link, 410 EXPORT_EXPIRED', async () => {
    const { jobId, expiresAt } = await runExport(driver, '/api/exports', 'csv');
    const madeAt = clock.now();
    try {
      clock.set(new Date(new Date(expiresAt).getTime() - MINUTE));
      await download(driver, jobId).expect(200);
      clock.set(expiresAt);
      const { body: status } = await exportsOf(driver, jobId).expect(200);
      expect(status).toMatchObject({ state: 'expired', progress: 100, rowCount: 4, expiresAt });
      expect(status.downloadUrl).toBeUndefined();
      const gone = await download(driver, jobId).expect(410);
      expect(JSON.parse(gone.body.toString())).toEqual({ statusCode: 410, code: 'EXPORT_EXPIRED', message: expect.any(String) });
    } finally {
      clock.set(madeAt);
    }
  });

  it('deletes files older than 7 days in the daily clean-up, one run per day however many workers tick', async () => {
    const [old, fresh] = [await runExport(driver, '/api/exports', 'csv'), await runExport(driver, '/api/exports', 'xlsx')];
    const eightDaysAgo = new Date(Date.now() - 8 * DAY);
    await utimes(join(t.config.app.exportDir, `${old.jobId}.csv`), eightDaysAgo, eightDaysAgo);

    const schedule = t.app.get(ExportsSchedule);
    await schedule.enqueueCleanup();
    await schedule.enqueueCleanup();
    await settleQueues(t);

    const cleanups = (await queue.getCompleted()).filter((job) => job.name === JobName.CleanupExports);
    expect(cleanups.map((job) => job.id)).toEqual([`cleanup-exports:${clock.now().toISOString().slice(0, 10)}`]);
    expect(cleanups[0].returnvalue).toEqual({ removed: 1 });
    expect((await exportsOf(driver, old.jobId).expect(200)).body.state).toBe('expired');
    expect((await download(driver, old.jobId).expect(410)).body.toString()).toContain('"code":"EXPORT_EXPIRED"');
    expect((await exportsOf(driver, fresh.jobId).expect(200)).body.state).toBe('completed');
    await download(driver, fresh.jobId).expect(200);
  });

  async function tableCounts(): Promise<{ users: number; lots: number; bookings: number; payments: number }> {
    const [row] = await t.app.get(DataSource).query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM lots)::int AS lots,
              (SELECT count(*) FROM bookings)::int AS bookings, (SELECT count(*) FROM payments)::int AS payments`,
    );
    return row;
  }
});

describe('unfinished exports per user (API, R-LIMIT-1)', () => {
  let t: TestApp;
  let queue: Queue;
  let admin: SignedIn;

  const requestExport = (who: SignedIn, path: '/api/exports' | '/api/admin/exports' = '/api/exports', format = 'csv') =>
    request(t.http).post(path).set(bearer(who.accessToken)).send({ format });

  /** While this process's worker takes no job, every export requested stays unfinished; then they all run. */
  async function whileWorkerPaused(run: () => Promise<void>): Promise<void> {
    await queue.pause(true);
    try {
      await run();
    } finally {
      await queue.resume(true);
    }
    await settleQueues(t, 30_000);
  }

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QueueName.Exports));
    admin = await loginAdmin(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('accepts 2 of 10 simultaneous requests of one driver and answers the others 409 EXPORTS_IN_PROGRESS, holding no one else up', async () => {
    const [driver, other] = [await registerVerified(t, 'eager'), await registerVerified(t, 'patient')];
    await whileWorkerPaused(async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => requestExport(driver)));
      const accepted = responses.filter((response) => response.status === 202);
      expect(accepted).toHaveLength(2);
      for (const response of responses.filter((r) => r.status !== 202)) {
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ statusCode: 409, code: 'EXPORTS_IN_PROGRESS' });
      }
      const states = await Promise.all(accepted.map(async (response) => (await queue.getJob(response.body.jobId))!.getState()));
      expect(states).toEqual(['waiting', 'waiting']);
      await requestExport(other).expect(202);
    });
    // Finished exports no longer count.
    await requestExport(driver).expect(202);
    await requestExport(driver, '/api/exports', 'xlsx').expect(202);
    await settleQueues(t, 30_000);
  });

  it("counts an admin's exports of everything and of their own bookings together", async () => {
    await whileWorkerPaused(async () => {
      await requestExport(admin, '/api/admin/exports', 'xlsx').expect(202);
      await requestExport(admin).expect(202);
      expect((await requestExport(admin, '/api/admin/exports').expect(409)).body.code).toBe('EXPORTS_IN_PROGRESS');
      expect((await requestExport(admin).expect(409)).body.code).toBe('EXPORTS_IN_PROGRESS');
    });
    await requestExport(admin, '/api/admin/exports').expect(202);
    await settleQueues(t, 30_000);
  });
});
