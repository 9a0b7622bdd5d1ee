import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobName, QueueName } from '../src/queues/queue-names';
import { ReportsSchedule } from '../src/reports/reports.schedule';
import { ReportsService } from '../src/reports/reports.service';
import { FakeClock } from './support/fake-clock';
import { ParsedMail, readAttachments, readMails, waitForMails } from './support/outbox';
import { ADMIN, bearer, createTestApp, loginAdmin, registerVerified, settleQueues, SignedIn, TestApp } from './support/test-app';

/** A zone with daylight saving: 2025-03-30 has 23 hours, 2025-10-26 has 25. */
const TZ = 'Europe/Berlin';
const DAY = 24 * 3_600_000;

interface Person {
  id: string;
  email: string;
  name: string;
}

interface Lot {
  id: string;
  name: string;
  spots: string[];
}

const suffix = () => randomBytes(4).toString('hex');

async function insertUser(
  db: DataSource,
  name: string,
  { role = 'user', active = true, verified = true, createdAt = new Date() }: { role?: string; active?: boolean; verified?: boolean; createdAt?: Date } = {},
): Promise<Person> {
  const tag = suffix();
  const email = `${name.toLowerCase()}.${tag}@example.com`;
  const [row] = await db.query(
    `INSERT INTO users (email, username, password_hash, full_name, role, is_active, email_verified_at, created_at)
     VALUES ($1, $2, 'not-a-hash', $3, $4, $5, $6, $7) RETURNING id`,
    [email, `${name.toLowerCase()}_${tag}`, name, role, active, verified ? createdAt : null, createdAt],
  );
  return { id: row.id, email, name };
}

async function insertLot(db: DataSource, label: string, capacity: number, pricePerHourCents: number): Promise<Lot> {
  const name = `${label} ${suffix()}`;
  const [lot] = await db.query(`INSERT INTO lots (name, address, price_per_hour_cents, capacity) VALUES ($1, '1 Report Road', $2, $3) RETURNING id`, [
    name,
    pricePerHourCents,
    capacity,
  ]);
  const spots: { id: string }[] = await db.query(`INSERT INTO spots (lot_id, number) SELECT $1, n FROM generate_series(1, $2) AS n RETURNING id`, [lot.id, capacity]);
  return { id: lot.id, name, spots: spots.map((spot) => spot.id) };
}

let vehicleSeq = 0;

interface BookingInput {
  user: Person;
  lot: Lot;
  spot?: number;
  status: 'completed' | 'expired' | 'cancelled' | 'reserved' | 'active';
  start: string;
  /** Release of a park-now booking; end of a reservation's window when `reserved` is set. */
  end?: string;
  reserved?: boolean;
  costCents?: number;
}

async function insertBooking(db: DataSource, booking: BookingInput): Promise<string> {
  const reserved = booking.reserved ?? false;
  const released = !reserved && booking.status === 'completed' ? booking.end : null;
  const [row] = await db.query(
    `INSERT INTO bookings (user_id, lot_id, spot_id, vehicle_number, type, status, start_at, end_at, released_at, rate_per_hour_cents, cost_cents)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, price_per_hour_cents, $10 FROM lots WHERE id = $2 RETURNING id`,
    [
      booking.user.id,
      booking.lot.id,
      booking.lot.spots[(booking.spot ?? 1) - 1],
      `RPT${String(++vehicleSeq).padStart(4, '0')}${suffix().slice(0, 3).toUpperCase()}`,
      reserved ? 'reserved' : 'instant',
      booking.status,
      booking.start,
      reserved ? booking.end : null,
      released,
      booking.costCents ?? null,
    ],
  );
  return row.id;
}

const PDF_TO_TEXT = `
  const { PDFParse } = require('pdf-parse');
  let input = '';
  process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
    const texts = [];
    for (const pdf of JSON.parse(input)) {
      const parser = new PDFParse({ data: Buffer.from(pdf, 'base64') });
      texts.push((await parser.getText()).text);
      await parser.destroy();
    }
    process.stdout.write(JSON.stringify(texts));
  });`;

/**
 * The text of PDFs as pdf-parse reads it, in a child Node process: pdf.js loads its worker with a
 * dynamic import(), which jest's module sandbox refuses.
 */
async function pdfTexts(...pdfs: Buffer[]): Promise<string[]> {
  const parsing = promisify(execFile)(process.execPath, ['-e', PDF_TO_TEXT], { cwd: join(__dirname, '..'), maxBuffer: 16 * 1024 * 1024 });
  parsing.child.stdin!.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  return JSON.parse((await parsing).stdout);
}

/** Polls a job until it is completed or failed (retries wait out their backoff). */
async function finishedJob(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    // isCompleted/isFailed ask Redis now, while `job` was read before: a last attempt may have ended in
    // between. Bull writes the final state and the job's fields in one script, so read the job again.
    if (job && ((await job.isCompleted()) || (await job.isFailed()))) return (await queue.getJob(jobId))!;
    if (Date.now() > deadline) throw new Error(`Job ${jobId} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('reports, reminders and schedules (worker, Bull, mail)', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let db: DataSource;
  let queue: Queue;
  let admin: SignedIn;
  const mails = (to: string, subject: string) => readMails(t.config.mail.outboxDir, to).then((all) => all.filter((mail) => mail.subject === subject));
  /** As the admin unless told otherwise; `null` sends no token. */
  const trigger = (path: string, who: SignedIn | null = admin) => {
    const call = request(t.http).post(`/api/admin/jobs/${path}`);
    return who ? call.set(bearer(who.accessToken)) : call;
  };
  const jobStatus = (jobId: string, who: SignedIn = admin) => request(t.http).get(`/api/admin/jobs/${encodeURIComponent(jobId)}`).set(bearer(who.accessToken));
  const monthlyPreview = async () => (await request(t.http).get('/api/admin/jobs/monthly-report/preview').set(bearer(admin.accessToken)).expect(200)).body;
  const activeAdmins = async () => (await db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND is_active`))[0].n as number;

  // Fixtures of 2025, far from the bookings other test files make now. Hand-computed figures below.
  let alpha: Lot; // capacity 2, 600/h
  let bravo: Lot; // capacity 1, 300/h
  let dora: Person;
  let emil: Person;
  let fritz: Person; // deactivated
  let admin2: Person;
  let retiredAdmin: Person; // deactivated

  beforeAll(async () => {
    t = await createTestApp({ APP_TIMEZONE: TZ }, clock);
    db = t.app.get(DataSource);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reports));
    admin = await loginAdmin(t);

    alpha = await insertLot(db, 'Alpha', 2, 600);
    bravo = await insertLot(db, 'Bravo', 1, 300);
    dora = await insertUser(db, 'Dora', { createdAt: new Date('2025-02-28T23:30:00Z') }); // March 1st, 00:30 local
    emil = await insertUser(db, 'Emil', { createdAt: new Date('2025-03-30T05:00:00Z') });
    fritz = await insertUser(db, 'Fritz', { active: false, createdAt: new Date('2025-03-30T21:30:00Z') }); // 23:30 CEST
    await insertUser(db, 'Gustav', { verified: false, createdAt: new Date('2025-10-26T22:30:00Z') }); // 23:30 CET on the 25-hour day
    admin2 = await insertUser(db, 'Hanna', { role: 'admin', createdAt: new Date('2025-03-30T12:00:00Z') });
    retiredAdmin = await insertUser(db, 'Ida', { role: 'admin', active: false });

    const booking = (input: BookingInput) => insertBooking(db, input);
    // Around the spring-forward day 2025-03-30 (local midnight to midnight = 23:00Z on the 29th to 22:00Z on the 30th).
    await booking({ user: dora, lot: alpha, spot: 1, status: 'completed', start: '2025-03-29T23:30:00Z', end: '2025-03-30T01:30:00Z', costCents: 1200 }); // 00:30 local, over the gap
    await booking({ user: emil, lot: alpha, spot: 2, status: 'completed', start: '2025-03-30T08:00:00Z', end: '2025-03-30T10:00:00Z', costCents: 1200 }); // 10:00 local
    await booking({ user: dora, lot: bravo, status: 'completed', start: '2025-03-30T08:30:00Z', end: '2025-03-30T09:30:00Z', costCents: 300 }); // 10:30 local
    await booking({ user: emil, lot: bravo, status: 'expired', reserved: true, start: '2025-03-30T21:00:00Z', end: '2025-03-30T23:00:00Z', costCents: 600 }); // ends on the 31st locally
    await booking({ user: dora, lot: alpha, spot: 2, status: 'completed', start: '2025-03-29T22:30:00Z', end: '2025-03-29T23:30:00Z', costCents: 600 }); // 29th, released on the 30th
    await booking({ user: emil, lot: alpha, spot: 1, status: 'completed', start: '2025-03-30T22:30:00Z', end: '2025-03-30T23:30:00Z', costCents: 600 }); // 00:30 on the 31st
    await booking({ user: dora, lot: bravo, status: 'cancelled', reserved: true, start: '2025-03-30T14:00:00Z', end: '2025-03-30T15:00:00Z', costCents: 0 });
    // The edges of March 2025 (local: 23:00Z on Feb 28th to 22:00Z on March 31st) and one mid-month.
    await booking({ user: dora, lot: alpha, spot: 1, status: 'completed', start: '2025-02-28T23:30:00Z', end: '2025-03-01T00:30:00Z', costCents: 600 }); // March 1st 00:30 local
    await booking({ user: dora, lot: alpha, spot: 2, status: 'completed', start: '2025-02-28T22:00:00Z', end: '2025-02-28T23:30:00Z', costCents: 900 }); // February, charged in March
    await booking({ user: emil, lot: bravo, status: 'completed', start: '2025-03-31T22:30:00Z', end: '2025-03-31T23:30:00Z', costCents: 300 }); // April 1st locally
    await booking({ user: fritz, lot: bravo, status: 'completed', start: '2025-03-10T10:00:00Z', end: '2025-03-10T11:00:00Z', costCents: 300 }); // 11:00 local
    // Around the fall-back day 2025-10-26 (22:00Z on the 25th to 23:00Z on the 26th).
    await booking({ user: dora, lot: bravo, status: 'completed', start: '2025-10-26T00:30:00Z', end: '2025-10-26T02:30:00Z', costCents: 600 }); // 02:30 CEST
    await booking({ user: emil, lot: alpha, spot: 1, status: 'completed', start: '2025-10-26T01:15:00Z', end: '2025-10-26T02:15:00Z', costCents: 600 }); // 02:15 CET, the repeated hour
    await booking({ user: emil, lot: alpha, spot: 1, status: 'completed', start: '2025-10-26T22:30:00Z', end: '2025-10-26T23:15:00Z', costCents: 450 }); // 23:30 CET, released on the 27th
    await booking({ user: dora, lot: alpha, spot: 2, status: 'completed', start: '2025-10-25T21:30:00Z', end: '2025-10-25T22:30:00Z', costCents: 600 }); // 25th, released on the 26th
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  describe('admin triggers (R-JOB-6)', () => {
    it.each(['daily-reminders', 'daily-report', 'monthly-report'])('POST /admin/jobs/%s needs an admin', async (path) => {
      const driver = await registerVerified(t, 'trigger');
      expect((await trigger(path, null).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await trigger(path, driver).expect(403)).body.code).toBe('FORBIDDEN');
    });

    it('GET /admin/jobs/monthly-report/preview is for admins', async () => {
      const driver = await registerVerified(t, 'preview');
      const path = '/api/admin/jobs/monthly-report/preview';
      expect((await request(t.http).get(path).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await request(t.http).get(path).set(bearer(driver.accessToken)).expect(403)).body.code).toBe('FORBIDDEN');
    });

    it('GET /admin/jobs/{jobId} is for admins, refuses a malformed id and 404s an unknown one', async () => {
      const driver = await registerVerified(t, 'jobstatus');
      const id = 'daily-report:2025-03-30:manual-0f1c2a7e-1c39-4f57-9a57-3f1f0b1f9e2d';
      expect((await request(t.http).get(`/api/admin/jobs/${id}`).expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await jobStatus(id, driver).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await jobStatus(id).expect(404)).body.code).toBe('NOT_FOUND');
      for (const malformed of ['42', 'DAILY:1', 'daily-report:', `daily-report:${'x'.repeat(200)}`, 'daily-report:a b']) {
        const body = (await jobStatus(malformed).expect(400)).body;
        expect(body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'jobId', errors: [expect.stringContaining('reports job id')] }] });
      }
    });
  });

  describe('daily report (R-JOB-3) across daylight-saving changes', () => {
    it('reports the 23-hour spring-forward day, triggered by an admin, to every active admin', async () => {
      clock.set('2025-03-31T06:00:00Z'); // 08:00 CEST
      const response = await trigger('daily-report').expect(202);
      expect(response.body).toEqual({ jobId: expect.stringMatching(/^daily-report:2025-03-30:manual-[0-9a-f-]{36}$/) });
      await settleQueues(t);

      const subject = 'Daily report: Sunday, March 30, 2025';
      const [mail] = await mails(ADMIN.email, subject);
      expect(mail.recipients).toEqual([ADMIN.email]);
      expect(await mails(admin2.email, subject)).toHaveLength(1);
      expect(await mails(retiredAdmin.email, subject)).toHaveLength(0);
      // Bookings started on the local day (cancelled aside); revenue of bookings that ended on it.
      expect(mail.text).toMatch(/Bookings: +4\n/);
      expect(mail.text).toMatch(/Revenue: +\$33\.00\n/);
      expect(mail.text).toMatch(/New drivers: +2\n/);
      expect(mail.text).toMatch(/Busiest hour: 10:00–11:00 \(2 bookings\)\n/);
      // Held spot-hours over capacity × 23 hours: 4.5 / 46 and 2 / 23.
      expect(mail.text).toContain(`- ${alpha.name}: 2 · $30.00 · 9.8%\n- ${bravo.name}: 2 · $3.00 · 8.7%`);
      expect(mail.text).toContain('Revenue: the cost of the bookings that ended in the day');
      expect(mail.html).toContain(`<td style="padding:6px 8px 6px 0; border-bottom:1px solid #f3f4f6;">${alpha.name}</td>`);
      expect(mail.html).toContain('<strong>$33.00</strong>');
    });

    it('reports the 25-hour fall-back day from its 08:00 tick, with the repeated hour counted once', async () => {
      clock.set('2025-10-27T07:00:00Z'); // 08:00 CET
      expect(await t.app.get(ReportsSchedule).tick(JobName.DailyReport)).toBe('daily-report:2025-10-26');
      await settleQueues(t);

      const [mail] = await mails(ADMIN.email, 'Daily report: Sunday, October 26, 2025');
      expect(mail.text).toMatch(/Bookings: +3\n/);
      expect(mail.text).toMatch(/Revenue: +\$18\.00\n/);
      expect(mail.text).toMatch(/New drivers: +1\n/);
      expect(mail.text).toMatch(/Busiest hour: 02:00–03:00 \(2 bookings\)\n/);
      expect(mail.text).toContain(`- ${alpha.name}: 2 · $12.00 · 4.0%\n- ${bravo.name}: 1 · $6.00 · 8.0%`);
    });
  });

  describe('monthly reports (R-JOB-4) with two workers on one Redis (R-JOB-7)', () => {
    let second: TestApp;

    beforeAll(async () => {
      second = await createTestApp({ APP_TIMEZONE: TZ }, clock);
    });

    afterAll(async () => {
      await second.close();
    });

    it('tells the admin, before any run, the month a run would cover and how many drivers would get it', async () => {
      clock.set('2025-03-31T22:00:00.004Z'); // April 1st, 00:00 CEST, as a timer fires it
      // Dora and Emil; Fritz had bookings but is deactivated.
      expect(await monthlyPreview()).toEqual({ period: '2025-03', periodLabel: 'March 2025', drivers: 2, alreadySent: 0, admins: await activeAdmins() });
    });

    it('runs the month once when both workers tick, and mails each admin and driver once', async () => {
      clock.set('2025-03-31T22:00:00.004Z'); // April 1st, 00:00 CEST, as a timer fires it
      const spies = [t, second].map((app) => ({
        month: jest.spyOn(app.app.get(ReportsService), 'sendMonthlyAdminReport'),
        driver: jest.spyOn(app.app.get(ReportsService), 'sendDriverMonthlyReport'),
      }));
      const ids = await Promise.all([t, second].map((app) => app.app.get(ReportsSchedule).tick(JobName.MonthlyReport)));
      expect(ids).toEqual(['monthly-report:2025-03', 'monthly-report:2025-03']);
      await settleQueues(t);
      await settleQueues(second);

      expect(spies.reduce((calls, spy) => calls + spy.month.mock.calls.length, 0)).toBe(1);
      // Fritz had bookings but is deactivated: no report.
      const driverCalls = spies.flatMap((spy) => spy.driver.mock.calls.map(([, userId]) => userId));
      expect(driverCalls.sort()).toEqual([dora.id, emil.id].sort());
      expect(await mails(ADMIN.email, 'Monthly report: March 2025')).toHaveLength(1);
      expect(await mails(admin2.email, 'Monthly report: March 2025')).toHaveLength(1);
      expect(await mails(dora.email, 'Your parking in March 2025')).toHaveLength(1);
      expect(await mails(emil.email, 'Your parking in March 2025')).toHaveLength(1);
      expect(await mails(fritz.email, 'Your parking in March 2025')).toHaveLength(0);
      const job = await queue.getJob('monthly-report:2025-03');
      expect(job?.returnvalue).toEqual({ admins: await activeAdmins(), drivers: 2, alreadySent: 0 });
      // Whichever worker ran it, the admin reads it by name.
      expect((await jobStatus('monthly-report:2025-03').expect(200)).body).toMatchObject({
        label: 'Monthly report · March 2025 · scheduled',
        period: '2025-03',
        periodLabel: 'March 2025',
        trigger: 'scheduled',
        counts: { drivers: 2, alreadySent: 0 },
      });
    });

    it("gives the admin the month's figures by local day, with a PDF of the summary, chart data and tables", async () => {
      const [mail] = await mails(ADMIN.email, 'Monthly report: March 2025');
      expect(mail.text).toMatch(/Bookings: +8\n/);
      expect(mail.text).toMatch(/Revenue: +\$63\.00\n/);
      expect(mail.text).toMatch(/New drivers: +3\n/);
      expect(mail.text).toMatch(/Busiest hour: 00:00–01:00 \(3 bookings\)\n/);
      expect(mail.text).toContain(`- ${alpha.name}: 5 · $51.00 · 0.5%\n- ${bravo.name}: 3 · $12.00 · 0.5%`);
      expect(mail.text).toContain(`- Dora <${dora.email}>: 5 · $36.00\n- Emil <${emil.email}>: 3 · $24.00\n- Fritz <${fritz.email}>: 1 · $3.00`);

      const [pdf] = await readAttachments(t.config.mail.outboxDir, mail);
      expect(pdf).toMatchObject({ filename: 'report-2025-03.pdf', contentType: 'application/pdf' });
      const [text] = await pdfTexts(pdf.content);
      expect(text).toContain('Monthly report: March 2025');
      expect(text).toMatch(/Bookings 8\n/);
      expect(text).toMatch(/Revenue \$63\.00\n/);
      expect(text).toMatch(/Busiest hour 00:00–01:00 \(3 bookings\)\n/);
      expect(text).toContain(`${alpha.name} 5 $51.00 0.5%`);
      expect(text).toContain(`Dora ${dora.email} 5 $36.00`);
      // The day-by-day rows the chart draws: every local day of March, the DST day included.
      const rows = [...text.matchAll(/^(2025-\d\d-\d\d) (\d+) (\$[\d.,]+)$/gm)].map(([, day, bookings, revenue]) => `${day} ${bookings} ${revenue}`);
      expect(rows).toHaveLength(31);
      expect(rows.filter((row) => !row.endsWith(' 0 $0.00'))).toEqual([
        '2025-03-01 1 $15.00',
        '2025-03-10 1 $3.00',
        '2025-03-29 1 $0.00',
        '2025-03-30 4 $33.00',
        '2025-03-31 1 $12.00',
      ]);
    });

    it('gives each driver their bookings, hours parked, spend and favourite lot, with a PDF', async () => {
      const [doraMail] = await mails(dora.email, 'Your parking in March 2025');
      expect(doraMail.recipients).toEqual([dora.email]);
      expect(doraMail.text).toMatch(/Bookings: +4\n/);
      expect(doraMail.text).toMatch(/Hours parked: +5\.5\n/);
      expect(doraMail.text).toMatch(/Spend: +\$36\.00\n/);
      expect(doraMail.text).toMatch(new RegExp(`Favourite lot: ${alpha.name}\n`));
      expect(doraMail.text).toContain(`- ${alpha.name}: 3 · 4.5 · $33.00\n- ${bravo.name}: 1 · 1.0 · $3.00`);
      const [doraPdf] = await readAttachments(t.config.mail.outboxDir, doraMail);
      expect(doraPdf.filename).toBe('parking-2025-03.pdf');
      const [text] = await pdfTexts(doraPdf.content);
      expect(text).toContain('Your parking in March 2025');
      expect(text).toMatch(/Hours parked 5\.5\n/);
      expect(text).toMatch(/Spend \$36\.00\n/);
      expect(text).toContain(`${alpha.name} 3 4.5 $33.00`);
      expect(text).toContain(`${bravo.name} 1 1.0 $3.00`);

      // A no-show is a booking and is charged, but parks no hours.
      const [emilMail] = await mails(emil.email, 'Your parking in March 2025');
      expect(emilMail.text).toMatch(/Bookings: +3\n/);
      expect(emilMail.text).toMatch(/Hours parked: +3\.0\n/);
      expect(emilMail.text).toMatch(/Spend: +\$24\.00\n/);
      expect(emilMail.text).toContain(`- ${alpha.name}: 2 · 3.0 · $18.00\n- ${bravo.name}: 1 · 0.0 · $6.00`);
    });

    it('runs the month again when an admin asks, mailing only the driver who had no report yet, and says so', async () => {
      // A March booking recorded since the run (say, entered late): its driver has no report of March yet.
      const greta = await insertUser(db, 'Greta');
      await insertBooking(db, { user: greta, lot: bravo, status: 'completed', start: '2025-03-15T10:00:00Z', end: '2025-03-15T11:00:00Z', costCents: 300 });
      const admins = await activeAdmins();
      // The preview counts by the rule the run follows: what it says is what the run then does.
      expect(await monthlyPreview()).toEqual({ period: '2025-03', periodLabel: 'March 2025', drivers: 1, alreadySent: 2, admins });

      const response = await trigger('monthly-report').expect(202);
      expect(response.body.jobId).toMatch(/^monthly-report:2025-03:manual-/);
      await settleQueues(t);
      await settleQueues(second);

      const status = (await jobStatus(response.body.jobId).expect(200)).body;
      expect(status).toMatchObject({
        label: 'Monthly report · March 2025 · manual',
        trigger: 'manual',
        state: 'completed',
        counts: { admins, drivers: 1, alreadySent: 2 },
      });
      expect(await mails(ADMIN.email, 'Monthly report: March 2025')).toHaveLength(2);
      expect(await mails(dora.email, 'Your parking in March 2025')).toHaveLength(1);
      expect(await mails(emil.email, 'Your parking in March 2025')).toHaveLength(1);
      expect(await mails(greta.email, 'Your parking in March 2025')).toHaveLength(1);

      // And once more: every driver has theirs now.
      expect(await monthlyPreview()).toMatchObject({ drivers: 0, alreadySent: 3 });
      const again = (await trigger('monthly-report').expect(202)).body.jobId;
      await settleQueues(t);
      await settleQueues(second);
      expect((await jobStatus(again).expect(200)).body.counts).toEqual({ admins, drivers: 0, alreadySent: 3 });
      expect(await mails(greta.email, 'Your parking in March 2025')).toHaveLength(1);
    });
  });

  describe('reminders (R-JOB-2)', () => {
    it('reminds verified, active drivers without a booking in the last 7 days, once a day', async () => {
      const now = new Date();
      clock.set(now);
      const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
      const never = await insertUser(db, 'Never');
      const lapsed = await insertUser(db, 'Lapsed');
      const recent = await insertUser(db, 'Recent');
      const upcoming = await insertUser(db, 'Upcoming');
      const cancelledOnly = await insertUser(db, 'Cancelled');
      const unverified = await insertUser(db, 'Unverified', { verified: false });
      const deactivated = await insertUser(db, 'Deactivated', { active: false });
      await insertBooking(db, { user: lapsed, lot: alpha, status: 'completed', start: ago(8), end: ago(7.9), costCents: 600 });
      await insertBooking(db, { user: recent, lot: alpha, status: 'completed', start: ago(6.9), end: ago(6.8), costCents: 600 });
      await insertBooking(db, { user: upcoming, lot: bravo, status: 'reserved', reserved: true, start: ago(-2), end: ago(-2.1) });
      await insertBooking(db, { user: cancelledOnly, lot: bravo, status: 'cancelled', reserved: true, start: ago(2), end: ago(1.9), costCents: 0 });

      const first = await trigger('daily-reminders').expect(202);
      const second = await trigger('daily-reminders').expect(202);
      expect(first.body.jobId).not.toEqual(second.body.jobId);
      await settleQueues(t);

      // The admin follows the run: the first job mailed the three, the second found them all reminded today.
      const status = await jobStatus(first.body.jobId).expect(200);
      expect(status.body).toEqual({
        jobId: first.body.jobId,
        name: 'daily-reminders',
        label: expect.stringMatching(/^Reminders · [A-Z][a-z]+ \d{1,2}, \d{4} · manual$/),
        period: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        periodLabel: expect.any(String),
        trigger: 'manual',
        state: 'completed',
        progress: 100,
        counts: { mailed: expect.any(Number) },
        attemptsMade: 0,
        createdAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      expect(status.body.counts.mailed).toBeGreaterThanOrEqual(3);

      const subject = 'Need a parking spot? Book it in seconds';
      for (const driver of [never, lapsed, cancelledOnly]) {
        const received = await mails(driver.email, subject);
        expect(received.map((mail: ParsedMail) => mail.recipients)).toEqual([[driver.email]]);
      }
      for (const driver of [recent, upcoming, unverified, deactivated]) expect(await mails(driver.email, subject)).toHaveLength(0);
      expect(await mails(ADMIN.email, subject)).toHaveLength(0);
      const [lapsedMail] = await mails(lapsed.email, subject);
      expect(lapsedMail.text).toContain('Your last booking with us started on');
      const [neverMail] = await mails(never.email, subject);
      expect(neverMail.text).toContain('You have not booked a spot with us yet.');
    });
  });

  describe('retries and failures (R-JOB-7)', () => {
    let daily: jest.SpyInstance;
    let flaky: Job;
    let poison: Job;

    beforeAll(async () => {
      clock.set('2025-03-31T06:00:00Z');
      const reports = t.app.get(ReportsService);
      const sendDailyReport = reports.sendDailyReport.bind(reports);
      let hiccups = 0;
      daily = jest.spyOn(reports, 'sendDailyReport').mockImplementation(async (date, runId) => {
        if (date === '2025-03-30' && ++hiccups <= 2) throw new Error(`database hiccup ${hiccups}`);
        return sendDailyReport(date, runId);
      });
      // A job whose data can never work: the worker refuses it on every attempt.
      const poisonId = `daily-report:poison-${randomUUID()}`;
      await queue.add(JobName.DailyReport, { date: '2025-02-30' }, { jobId: poisonId });
      const { jobId } = (await trigger('daily-report').expect(202)).body;
      // Both wait out the exponential backoff (2 s, then 4 s) side by side.
      [flaky, poison] = await Promise.all([finishedJob(queue, jobId), finishedJob(queue, poisonId)]);
    });

    it('retries a job that fails twice, then completes it', async () => {
      expect(await flaky.isCompleted()).toBe(true);
      expect(daily.mock.calls.filter(([, runId]) => runId === flaky.id)).toHaveLength(3);
      // Bull counts the failed attempts.
      expect(flaky.attemptsMade).toBe(2);
      expect(flaky.stacktrace).toEqual([expect.stringContaining('database hiccup 1'), expect.stringContaining('database hiccup 2')]);
      // The report's mail is sent by the mail queue after the report job completed: wait for it.
      const subject = 'Daily report: Sunday, March 30, 2025';
      expect(await waitForMails(t.config.mail.outboxDir, ADMIN.email, 2, 10_000, (mail) => mail.subject === subject)).toHaveLength(2);
    });

    it('leaves a job that always fails in the failed set, with its reason, after 3 attempts', async () => {
      expect(await poison.isFailed()).toBe(true);
      expect(poison.attemptsMade).toBe(3);
      expect(poison.failedReason).toBe('"2025-02-30" is not a calendar date (YYYY-MM-DD)');
      const failed = await queue.getFailed();
      expect(failed.map((job) => job.id)).toContain(poison.id);
      // And so the admin sees it through the API.
      const status = (await jobStatus(String(poison.id)).expect(200)).body;
      expect(status).toMatchObject({ state: 'failed', progress: 0, attemptsMade: 3, failedReason: '"2025-02-30" is not a calendar date (YYYY-MM-DD)' });
    });
  });
});
