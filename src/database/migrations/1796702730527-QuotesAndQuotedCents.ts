import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-QUOTE-1, 2: quotes are kept (for their 15 minutes, and a day after for a late booking attempt to be told
 * QUOTE_EXPIRED) so a booking can be made at the quoted price; reservations record the price of their
 * window when they are made (`quoted_cents`; null for park now and for bookings made before).
 */
export class QuotesAndQuotedCents1796702730527 implements MigrationInterface {
  name = 'QuotesAndQuotedCents1796702730527';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "quotes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "tariff_version" integer NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "total_cents" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "quotes_total_not_negative" CHECK ("total_cents" >= 0), CONSTRAINT "quotes_window_order" CHECK ("end_at" > "start_at"), CONSTRAINT "PK_99a0e8bcbcd8719d3a41f23c263" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "quotes_expires_at_idx" ON "quotes" ("expires_at")`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "quoted_cents" integer`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_quotes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_quotes_lot" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_quotes_tariff" FOREIGN KEY ("lot_id", "tariff_version") REFERENCES "lot_tariffs"("lot_id","version") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_quotes_tariff"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_quotes_lot"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_quotes_user"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "quoted_cents"`);
    await queryRunner.query(`DROP INDEX "public"."quotes_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "quotes"`);
  }
}
