import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_PERIOD = `CASE WHEN "type" = 'instant'
  THEN tstzrange("start_at", COALESCE("released_at", 'infinity'))
  ELSE tstzrange("start_at", GREATEST("start_at", LEAST(COALESCE("released_at", "end_at"), "end_at"))) END`;

/** Kept equal to PERIOD_EXPRESSION in booking.entity.ts (a migration must not change when the entity does). */
const PERIOD = `CASE WHEN "type" = 'instant'
  THEN tstzrange("start_at", GREATEST("start_at", LEAST(COALESCE("released_at", 'infinity'), COALESCE("must_leave_by", 'infinity'))))
  ELSE tstzrange(COALESCE("spot_held_from", "start_at"), GREATEST(COALESCE("spot_held_from", "start_at"), LEAST(COALESCE("released_at", "end_at"), "end_at"))) END`;

/** Kept equal to HELD_EXPRESSION in booking.entity.ts. */
const HELD = `CASE WHEN "status" = 'cancelled' THEN 'empty'::tstzrange
  WHEN "status" = 'active' THEN tstzrange(COALESCE("spot_held_from", "start_at"), NULL)
  ELSE tstzrange(COALESCE("spot_held_from", "start_at"), GREATEST(COALESCE("spot_held_from", "start_at"), COALESCE("released_at", "end_at", "start_at"))) END`;

async function setGeneratedExpression(queryRunner: QueryRunner, column: string, expression: string | null): Promise<void> {
  const [{ name }] = await queryRunner.query(`SELECT current_database() AS name`);
  await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'bookings' AND "name" = $1`, [column]);
  if (expression) {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES ($1, 'public', 'bookings', 'GENERATED_COLUMN', $2, $3)`,
      [name, column, expression],
    );
  }
}

/** R-BOOK-8: planned periods of one spot, or of one vehicle, never overlap. */
async function addNoOverlapConstraints(queryRunner: QueryRunner): Promise<void> {
  for (const [name, key] of [
    ['bookings_spot_no_overlap', 'spot_id'],
    ['bookings_vehicle_no_overlap', 'vehicle_number'],
  ]) {
    await queryRunner.query(`ALTER TABLE "bookings" ADD CONSTRAINT "${name}" EXCLUDE USING gist ("${key}" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled')`);
  }
}

/**
 * R-OCC-1..4 and the revised R-BOOK-1. Two guarantees, each held by the database:
 * - planned periods never overlap (the exclusion constraints over `period`): a park-now booking now plans
 *   to leave by `must_leave_by` (the next reservation's start), and a re-seated reservation holds its new
 *   spot from `spot_held_from`;
 * - a spot holds one car (`bookings_active_spot_key`), whatever the periods say: an overstaying car is
 *   past its period, yet still there.
 * `held` is the time a booking actually holds its spot (open while active), for the analytics.
 * Rewriting `period` rewrites every booking row, and locks the table while it runs.
 */
export class Occupancy1795600000000 implements MigrationInterface {
  name = 'Occupancy1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Before R-OCC-1 an overstaying reservation and the next one could both be checked in on one spot.
    // Which car is really there is for an admin to say: name the bookings instead of guessing.
    const doubled: { spot_id: string; bookings: string[] }[] = await queryRunner.query(
      `SELECT spot_id, array_agg(id ORDER BY start_at) AS bookings FROM bookings WHERE status = 'active' GROUP BY spot_id HAVING count(*) > 1`,
    );
    if (doubled.length) {
      const list = doubled.map((row) => `spot ${row.spot_id}: bookings ${row.bookings.join(', ')}`).join('; ');
      throw new Error(`${doubled.length} spots have two active bookings; release all but one of each (POST /api/admin/bookings/{id}/release), then migrate again: ${list}`);
    }
    await queryRunner.query(`ALTER TABLE "bookings" ADD "must_leave_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "spot_held_from" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "reseated_from_spot_id" uuid`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "reseat_failed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "ending_soon_mailed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "overstay_mailed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_bookings_reseated_from_spot" FOREIGN KEY ("reseated_from_spot_id") REFERENCES "spots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "bookings_must_leave_by_instant" CHECK ("must_leave_by" IS NULL OR ("type" = 'instant' AND "must_leave_by" > "start_at"))`,
    );

    // A generated column's expression cannot be altered on PostgreSQL 15: drop it with what depends on it.
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_spot_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_vehicle_no_overlap"`);
    await queryRunner.query(`DROP INDEX "public"."bookings_start_idx"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "period"`);
    await setGeneratedExpression(queryRunner, 'period', PERIOD);
    await setGeneratedExpression(queryRunner, 'held', HELD);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "period" tstzrange GENERATED ALWAYS AS (${PERIOD}) STORED NOT NULL`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "held" tstzrange GENERATED ALWAYS AS (${HELD}) STORED NOT NULL`);
    await addNoOverlapConstraints(queryRunner);
    await queryRunner.query(`CREATE INDEX "bookings_start_idx" ON "bookings" ("start_at") INCLUDE ("status", "held")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "bookings_active_spot_key" ON "bookings" ("spot_id") WHERE "status" = 'active'`);
    // The re-seat sweep and the ending-soon mail look reservations up by when they start and end.
    await queryRunner.query(`CREATE INDEX "bookings_upcoming_start_idx" ON "bookings" ("start_at") WHERE "status" = 'reserved'`);
    await queryRunner.query(`CREATE INDEX "bookings_active_end_idx" ON "bookings" ("end_at") WHERE "status" = 'active'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bookings_active_end_idx"`);
    await queryRunner.query(`DROP INDEX "public"."bookings_upcoming_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."bookings_active_spot_key"`);
    await queryRunner.query(`DROP INDEX "public"."bookings_start_idx"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_vehicle_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_spot_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "held"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "period"`);
    await setGeneratedExpression(queryRunner, 'held', null);
    await setGeneratedExpression(queryRunner, 'period', OLD_PERIOD);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "period" tstzrange GENERATED ALWAYS AS (${OLD_PERIOD}) STORED NOT NULL`);
    await addNoOverlapConstraints(queryRunner);
    await queryRunner.query(`CREATE INDEX "bookings_start_idx" ON "bookings" ("start_at") INCLUDE ("status", "period")`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_must_leave_by_instant"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_reseated_from_spot"`);
    for (const column of ['overstay_mailed_at', 'ending_soon_mailed_at', 'reseat_failed_at', 'reseated_from_spot_id', 'spot_held_from', 'must_leave_by']) {
      await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "${column}"`);
    }
  }
}
