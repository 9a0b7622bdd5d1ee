import { MigrationInterface, QueryRunner } from 'typeorm';

/** Revenue and spend are counted when a booking ended: released, or the end of an expired window. */
export class BookingsEndedIndex1795310000000 implements MigrationInterface {
  name = 'BookingsEndedIndex1795310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "bookings_ended_idx" ON "bookings" ((COALESCE("released_at", "end_at"))) WHERE "status" IN ('completed', 'expired')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bookings_ended_idx"`);
  }
}
