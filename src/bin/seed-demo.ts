import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MultiBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { buildConfig } from '../config/app-config';
import { EnvironmentError } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { DemoSeeder, DemoSeedOptions, DemoSeedSummary, ProgressFactory } from '../database/seed/demo-seeder';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { PasswordHasher } from '../users/password-hasher';

/** Bookings are inserted on this many connections at once: the work is PostgreSQL's, mostly gist index upkeep. */
const INSERT_CONNECTIONS = 2;

/** Every demo driver logs in with this; printed at the end. */
const DEMO_PASSWORD = 'DemoPassw0rd';

const USAGE = `Usage: npm run seed:demo -- [options]

Fills a database with demo data: lots and spots, verified drivers with vehicles, and months of bookings
(busier on weekdays 8–18) with payments and reviews. Every driver's password is ${DEMO_PASSWORD}.

  --lots <n>           lots (default 6)
  --spots <n>          spots per lot (default 20)
  --drivers <n>        driver accounts, each with 1–3 vehicles (default 150)
  --months <n>         months of history before now (default 3); reservations also run a week ahead
  --per-spot-day <x>   arrivals per spot per day at the busiest lot, before full spots turn some away (default 3)
  --seed <n>           random seed: the same seed gives the same data (default 42)
  --timezone <zone>    IANA zone of the daily pattern (default APP_TIMEZONE, else UTC)
  --database-url <url> the database (default DATABASE_URL, else the embedded one of npm start)
  --force              add to a database that already has bookings
  --help

A million bookings over a year, for instance:
  npm run seed:demo -- --lots 40 --spots 35 --drivers 3000 --months 12 --per-spot-day 4.5`;

interface Flag {
  min: number;
  max: number;
  fallback: number;
  integer: boolean;
}

const NUMERIC_FLAGS = {
  lots: { min: 1, max: 1000, fallback: 6, integer: true },
  spots: { min: 1, max: 5000, fallback: 20, integer: true },
  drivers: { min: 1, max: 1_000_000, fallback: 150, integer: true },
  months: { min: 1, max: 60, fallback: 3, integer: true },
  'per-spot-day': { min: 0.1, max: 48, fallback: 3, integer: false },
  seed: { min: 0, max: 2 ** 32 - 1, fallback: 42, integer: true },
} satisfies Record<string, Flag>;

type NumericFlag = keyof typeof NUMERIC_FLAGS;

class UsageError extends Error {}

function parseFlags() {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(NUMERIC_FLAGS).map((name) => [name, { type: 'string' as const }])),
      timezone: { type: 'string' },
      'database-url': { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const numbers = Object.fromEntries(
    (Object.entries(NUMERIC_FLAGS) as [NumericFlag, Flag][]).map(([name, flag]) => {
      const raw = (values as Record<string, string | boolean | undefined>)[name] as string | undefined;
      const value = raw === undefined ? flag.fallback : Number(raw);
      if (!Number.isFinite(value) || (flag.integer && !Number.isInteger(value)) || value < flag.min || value > flag.max) {
        throw new UsageError(`--${name} must be ${flag.integer ? 'an integer' : 'a number'} from ${flag.min} to ${flag.max}`);
      }
      return [name, value];
    }),
  ) as Record<NumericFlag, number>;
  return { ...numbers, timezone: values.timezone as string | undefined, databaseUrl: values['database-url'] as string | undefined, force: values.force === true };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A bar per phase on a terminal; elsewhere (CI, a pipe) one line per finished phase. On stderr: the summary goes to stdout. */
function progressBars(): { factory: ProgressFactory; stop(): void } {
  if (!process.stderr.isTTY) {
    const factory: ProgressFactory = (phase, total, unit) => {
      let last = '';
      return { update: (_value, detail = '') => void (last = detail), stop: () => process.stderr.write(`${phase}: ${total} ${unit} ${last}\n`) };
    };
    return { factory, stop: () => undefined };
  }
  const bars = new MultiBar(
    { stream: process.stderr, format: ' {phase} |{bar}| {value}/{total} {unit} {detail}', hideCursor: true, barsize: 30, clearOnComplete: false },
    Presets.shades_classic,
  );
  const factory: ProgressFactory = (phase, total, unit) => {
    const bar = bars.create(total, 0, { phase: phase.padEnd(14), unit, detail: '' });
    return { update: (value, detail = '') => bar.update(value, { detail }), stop: () => bar.update(total) };
  };
  return { factory, stop: () => bars.stop() };
}

function report(summary: DemoSeedSummary, seconds: number): string {
  const bookings = Object.values(summary.bookings).reduce((sum, n) => sum + n, 0);
  const byStatus = Object.entries(summary.bookings)
    .map(([status, n]) => `${status} ${n.toLocaleString('en')}`)
    .join(', ');
  const lines = [
    `Seeded in ${seconds.toFixed(1)} s:`,
    `  ${summary.lots} lots (${summary.archivedLots} archived), ${summary.spots.toLocaleString('en')} spots (${summary.outOfService} out of service)`,
    `  ${summary.drivers.toLocaleString('en')} drivers with ${summary.vehicles.toLocaleString('en')} vehicles`,
    `  ${bookings.toLocaleString('en')} bookings: ${byStatus}`,
    `  ${summary.payments.toLocaleString('en')} payments, ${summary.reviews.toLocaleString('en')} reviews`,
  ];
  if (summary.skippedArrivals) {
    lines.push(`  ${summary.skippedArrivals.toLocaleString('en')} arrivals found every vehicle already parked or reserved (more --drivers gives busier lots)`);
  }
  lines.push(
    '',
    `Every demo driver's password is ${DEMO_PASSWORD}; for instance log in as ${summary.sampleLogin}.`,
    'The admin account is the ADMIN_EMAIL / ADMIN_PASSWORD of your environment (created when the API starts).',
    'Cached lot lists and stats of a running API catch up within CACHE_TTL_SECONDS.',
  );
  return lines.join('\n');
}

async function seedDemo(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const flags = parseFlags();
  const config = buildConfig(process.env);
  const timeZone = flags.timezone ?? config.app.timeZone;
  if (!isTimeZone(timeZone)) throw new UsageError(`--timezone ${timeZone} is not an IANA time zone`);

  const say = (line: string) => process.stderr.write(`${line}\n`);
  const given = flags.databaseUrl ?? config.db.url;
  const database = given ? { url: given, stop: async () => undefined } : await startEmbeddedPostgres(config.db.embeddedDir, config.db.embeddedPort, say);
  const dataSource = new DataSource(dataSourceOptions(database.url, INSERT_CONNECTIONS + 1));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) say(`Applied migrations: ${applied.map((migration) => migration.name).join(', ')}`);
    const [{ found }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM bookings) AS found`);
    if (found && !flags.force) {
      throw new UsageError('This database already has bookings: seed an empty one, or add --force to add the demo on top');
    }
    const options: DemoSeedOptions = {
      lots: flags.lots,
      spotsPerLot: flags.spots,
      drivers: flags.drivers,
      months: flags.months,
      arrivalsPerSpotDay: flags['per-spot-day'],
      seed: flags.seed,
      timeZone,
      passwordHash: await new PasswordHasher().hash(DEMO_PASSWORD),
      now: new Date(),
    };
    const started = performance.now();
    const runners = Array.from({ length: INSERT_CONNECTIONS }, () => dataSource.createQueryRunner());
    const bars = progressBars();
    try {
      const summary = await new DemoSeeder(runners, options, bars.factory).run();
      bars.stop();
      process.stdout.write(`${report(summary, (performance.now() - started) / 1000)}\n`);
    } finally {
      bars.stop();
      await Promise.all(runners.map((runner) => runner.release()));
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

seedDemo().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof EnvironmentError;
  console.error(known ? `${(error as Error).message}\n\n${error instanceof UsageError ? USAGE : ''}`.trim() : `seed:demo failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(known ? 2 : 1);
});
