import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tariff a single hourly rate means, as the lot list has always priced it (R-PRICE-2): one band for
 * the whole week, grace 0, increment 1, no first period, no cap. The same JSON as `oneBandTariff` in
 * src/pricing/tariff.ts; a function so that the data below and the trigger of new lots share it.
 */
const ONE_BAND_TARIFF_FUNCTION = `
  CREATE FUNCTION lot_one_band_tariff(rate integer, zone text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
      'timeZone', zone,
      'bands', jsonb_build_array(jsonb_build_object('days', '[1, 2, 3, 4, 5, 6, 7]'::jsonb, 'from', '00:00', 'to', '24:00', 'ratePerHourCents', rate)),
      'graceMinutes', 0,
      'incrementMinutes', 1,
      'firstPeriod', NULL,
      'dailyMaxCents', NULL)
  $$`;

/** The zone the application ran in so far; PostgreSQL's own zone list checks the name. */
async function appTimeZone(queryRunner: QueryRunner): Promise<string> {
  const zone = process.env.APP_TIMEZONE || 'UTC';
  try {
    await queryRunner.query(`SELECT now() AT TIME ZONE $1`, [zone]);
  } catch {
    throw new Error(`APP_TIMEZONE=${JSON.stringify(zone)} is not an IANA time zone: set it to the zone the lots are in, then migrate again`);
  }
  return zone;
}

/**
 * R-TARIFF-1, 2: every lot has a tariff in versions and a time zone; every booking names the version it
 * was made under.
 * - Every lot gets version 1, the one-band tariff of its current price, dated from the lot's creation, in
 *   the zone the application ran in so far (APP_TIMEZONE): the lot prices exactly as before.
 * - Existing bookings keep no version (NULL): they were made at their own hourly rate, which may not be the
 *   lot's current one, so they go on being priced by it (one band at `rate_per_hour_cents`) and keep their
 *   prices. Adding a nullable column without a default rewrites no row. New bookings always name one.
 * - `lots.current_tariff_version` references its version; a trigger writes version 1 of every new lot in
 *   the same statement (however the lot is inserted), and the reference is checked at commit.
 * - A free band (rate 0) may be the rate in force, so the stored rate may be 0.
 */
export class Tariffs1796701326684 implements MigrationInterface {
  name = 'Tariffs1796701326684';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const zone = await appTimeZone(queryRunner);
    await queryRunner.query(
      `CREATE TABLE "lot_tariffs" ("lot_id" uuid NOT NULL, "version" integer NOT NULL, "tariff" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "lot_tariffs_version_positive" CHECK ("version" >= 1), CONSTRAINT "PK_b09cc8d19808a4c5e13f879a497" PRIMARY KEY ("lot_id", "version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_tariffs" ADD CONSTRAINT "FK_lot_tariffs_lot" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_tariffs" ADD CONSTRAINT "FK_lot_tariffs_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(ONE_BAND_TARIFF_FUNCTION);

    await queryRunner.query(`ALTER TABLE "lots" ADD "time_zone" text NOT NULL DEFAULT 'UTC'`);
    if (zone !== 'UTC') await queryRunner.query(`UPDATE "lots" SET "time_zone" = $1`, [zone]);
    await queryRunner.query(`ALTER TABLE "lots" ADD "current_tariff_version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `INSERT INTO "lot_tariffs" ("lot_id", "version", "tariff", "created_at")
       SELECT "id", 1, lot_one_band_tariff("price_per_hour_cents", "time_zone"), "created_at" FROM "lots"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lots" ADD CONSTRAINT "FK_lots_current_tariff" FOREIGN KEY ("id", "current_tariff_version") REFERENCES "lot_tariffs"("lot_id","version") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(`ALTER TABLE "lots" DROP CONSTRAINT "lots_price_range"`);
    await queryRunner.query(`ALTER TABLE "lots" ADD CONSTRAINT "lots_price_range" CHECK ("price_per_hour_cents" BETWEEN 0 AND 1000000)`);
    await queryRunner.query(`
      CREATE FUNCTION lots_write_first_tariff() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO lot_tariffs (lot_id, version, tariff, created_at)
        VALUES (NEW.id, 1, lot_one_band_tariff(NEW.price_per_hour_cents, NEW.time_zone), NEW.created_at);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER lots_first_tariff AFTER INSERT ON lots FOR EACH ROW EXECUTE FUNCTION lots_write_first_tariff()`);

    await queryRunner.query(`ALTER TABLE "bookings" ADD "tariff_version" integer`);
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_bookings_tariff" FOREIGN KEY ("lot_id", "tariff_version") REFERENCES "lot_tariffs"("lot_id","version") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_tariff"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "tariff_version"`);
    await queryRunner.query(`DROP TRIGGER lots_first_tariff ON lots`);
    await queryRunner.query(`DROP FUNCTION lots_write_first_tariff()`);
    // The single rate of before cannot say "free": a lot whose rate in force is 0 is charged the least there was.
    await queryRunner.query(`UPDATE "lots" SET "price_per_hour_cents" = 1 WHERE "price_per_hour_cents" = 0`);
    await queryRunner.query(`ALTER TABLE "lots" DROP CONSTRAINT "lots_price_range"`);
    await queryRunner.query(`ALTER TABLE "lots" ADD CONSTRAINT "lots_price_range" CHECK ("price_per_hour_cents" BETWEEN 1 AND 1000000)`);
    await queryRunner.query(`ALTER TABLE "lots" DROP CONSTRAINT "FK_lots_current_tariff"`);
    await queryRunner.query(`ALTER TABLE "lots" DROP COLUMN "current_tariff_version"`);
    await queryRunner.query(`ALTER TABLE "lots" DROP COLUMN "time_zone"`);
    await queryRunner.query(`DROP FUNCTION lot_one_band_tariff(integer, text)`);
    await queryRunner.query(`DROP TABLE "lot_tariffs"`);
  }
}
