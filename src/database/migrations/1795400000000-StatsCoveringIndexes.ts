import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics (R-STAT-1) read a month of bookings by when they started and by when they ended. With the
 * columns those queries use carried in the index, PostgreSQL answers from the index alone (an index-only
 * scan) instead of visiting one heap page per booking. The keys are unchanged, so every other query that
 * used the two indexes still does. Each build locks writes to bookings for about a second per million rows.
 */
export class StatsCoveringIndexes1795400000000 implements MigrationInterface {
  name = 'StatsCoveringIndexes1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bookings_start_idx"`);
    await queryRunner.query(`CREATE INDEX "bookings_start_idx" ON "bookings" ("start_at") INCLUDE ("status", "period")`);
    await queryRunner.query(`DROP INDEX "public"."bookings_ended_idx"`);
    // An expression index serves an index-only scan only when it also holds the columns of the expression.
    await queryRunner.query(
      `CREATE INDEX "bookings_ended_idx" ON "bookings" ((COALESCE("released_at", "end_at")))
       INCLUDE ("lot_id", "user_id", "cost_cents", "released_at", "end_at") WHERE "status" IN ('completed', 'expired')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bookings_ended_idx"`);
    await queryRunner.query(
      `CREATE INDEX "bookings_ended_idx" ON "bookings" ((COALESCE("released_at", "end_at"))) WHERE "status" IN ('completed', 'expired')`,
    );
    await queryRunner.query(`DROP INDEX "public"."bookings_start_idx"`);
    await queryRunner.query(`CREATE INDEX "bookings_start_idx" ON "bookings" ("start_at")`);
  }
}
