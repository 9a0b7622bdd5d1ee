import { MigrationInterface, QueryRunner } from "typeorm";

async function currentDatabase(queryRunner: QueryRunner): Promise<string> {
    const [row] = await queryRunner.query(`SELECT current_database() AS name`);
    return row.name;
}

export class ParkingCore1795306919696 implements MigrationInterface {
    name = 'ParkingCore1795306919696'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // btree_gist lets one exclusion constraint combine "same spot" (=) with "overlapping period" (&&).
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
        // TypeORM keeps generated-column expressions here; it only creates the table itself outside migrations.
        await queryRunner.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`);
        await queryRunner.query(`CREATE TABLE "lots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "address" character varying(200) NOT NULL, "postal_code" character varying(12), "price_per_hour_cents" integer NOT NULL, "capacity" integer NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lots_capacity_range" CHECK ("capacity" BETWEEN 1 AND 5000), CONSTRAINT "lots_price_range" CHECK ("price_per_hour_cents" BETWEEN 1 AND 1000000), CONSTRAINT "PK_2bb990a4015865cb1daa1d22fd9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "spots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lot_id" uuid NOT NULL, "number" integer NOT NULL, "out_of_service" boolean NOT NULL DEFAULT false, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc8c0341ef60619746e42815cf4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "lots_name_active_key" ON "lots" (lower("name")) WHERE "archived_at" IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "spots_lot_number_active_key" ON "spots" ("lot_id", "number") WHERE "archived_at" IS NULL`);
        await queryRunner.query(`CREATE TYPE "public"."booking_type" AS ENUM('instant', 'reserved')`);
        await queryRunner.query(`CREATE TYPE "public"."booking_status" AS ENUM('reserved', 'active', 'completed', 'cancelled', 'expired')`);
        await queryRunner.query(`INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES ($1, $2, $3, $4, $5, $6)`, [await currentDatabase(queryRunner),"public","bookings","GENERATED_COLUMN","period","CASE WHEN \"type\" = 'instant'\n  THEN tstzrange(\"start_at\", COALESCE(\"released_at\", 'infinity'))\n  ELSE tstzrange(\"start_at\", GREATEST(\"start_at\", LEAST(COALESCE(\"released_at\", \"end_at\"), \"end_at\"))) END"]);
        await queryRunner.query(`CREATE TABLE "bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "spot_id" uuid NOT NULL, "vehicle_number" character varying(12) NOT NULL, "type" "public"."booking_type" NOT NULL, "status" "public"."booking_status" NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE, "checked_in_at" TIMESTAMP WITH TIME ZONE, "released_at" TIMESTAMP WITH TIME ZONE, "rate_per_hour_cents" integer NOT NULL, "cost_cents" integer, "release_reason" character varying(500), "released_by" uuid, "period" tstzrange GENERATED ALWAYS AS (CASE WHEN "type" = 'instant'
  THEN tstzrange("start_at", COALESCE("released_at", 'infinity'))
  ELSE tstzrange("start_at", GREATEST("start_at", LEAST(COALESCE("released_at", "end_at"), "end_at"))) END) STORED NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bookings_cost_not_negative" CHECK ("cost_cents" >= 0), CONSTRAINT "bookings_vehicle_number_format" CHECK ("vehicle_number" ~ '^[A-Z0-9]{4,12}$'), CONSTRAINT "bookings_window_by_type" CHECK (("type" = 'instant' AND "end_at" IS NULL) OR ("type" = 'reserved' AND "end_at" > "start_at")), CONSTRAINT "bookings_vehicle_no_overlap" EXCLUDE USING gist ("vehicle_number" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "bookings_spot_no_overlap" EXCLUDE USING gist ("spot_id" WITH =, "period" WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "PK_bee6805982cc1e248e94ce94957" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "bookings_due_reservations_idx" ON "bookings" ("end_at") WHERE "status" = 'reserved'`);
        await queryRunner.query(`CREATE INDEX "bookings_live_lot_idx" ON "bookings" ("lot_id") WHERE "status" IN ('reserved', 'active')`);
        await queryRunner.query(`CREATE INDEX "bookings_live_spot_idx" ON "bookings" ("spot_id") WHERE "status" IN ('reserved', 'active')`);
        await queryRunner.query(`CREATE INDEX "bookings_start_idx" ON "bookings" ("start_at") `);
        await queryRunner.query(`CREATE INDEX "bookings_spot_start_idx" ON "bookings" ("spot_id", "start_at") `);
        await queryRunner.query(`CREATE INDEX "bookings_lot_start_idx" ON "bookings" ("lot_id", "start_at") `);
        await queryRunner.query(`CREATE INDEX "bookings_user_start_idx" ON "bookings" ("user_id", "start_at") `);
        await queryRunner.query(`CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" uuid NOT NULL, "user_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "rating" smallint NOT NULL, "comment" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reviews_booking_key" UNIQUE ("booking_id"), CONSTRAINT "reviews_rating_range" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "reviews_lot_created_idx" ON "reviews" ("lot_id", "created_at") `);
        await queryRunner.query(`CREATE TYPE "public"."payment_method" AS ENUM('card', 'upi', 'cash', 'wallet')`);
        await queryRunner.query(`CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" uuid NOT NULL, "user_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "method" "public"."payment_method" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "payments_booking_key" UNIQUE ("booking_id"), CONSTRAINT "payments_amount_positive" CHECK ("amount_cents" > 0), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "payments_created_idx" ON "payments" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "payments_user_idx" ON "payments" ("user_id") `);
        await queryRunner.query(`ALTER TABLE "spots" ADD CONSTRAINT "FK_2308a5107666a5f884d52544b29" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bookings" ADD CONSTRAINT "FK_64cd97487c5c42806458ab5520c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bookings" ADD CONSTRAINT "FK_7fe5db17995686c68a09ed146ee" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bookings" ADD CONSTRAINT "FK_82864b1cbcc2e3652c5a21c9468" FOREIGN KEY ("spot_id") REFERENCES "spots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reviews" ADD CONSTRAINT "FK_bbd6ac6e3e6a8f8c6e0e8692d63" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "payments" ADD CONSTRAINT "FK_e86edf76dc2424f123b9023a2b2" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_e86edf76dc2424f123b9023a2b2"`);
        await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "FK_bbd6ac6e3e6a8f8c6e0e8692d63"`);
        await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_82864b1cbcc2e3652c5a21c9468"`);
        await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_7fe5db17995686c68a09ed146ee"`);
        await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_64cd97487c5c42806458ab5520c"`);
        await queryRunner.query(`ALTER TABLE "spots" DROP CONSTRAINT "FK_2308a5107666a5f884d52544b29"`);
        await queryRunner.query(`DROP INDEX "public"."payments_user_idx"`);
        await queryRunner.query(`DROP INDEX "public"."payments_created_idx"`);
        await queryRunner.query(`DROP TABLE "payments"`);
        await queryRunner.query(`DROP TYPE "public"."payment_method"`);
        await queryRunner.query(`DROP INDEX "public"."reviews_lot_created_idx"`);
        await queryRunner.query(`DROP TABLE "reviews"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_user_start_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_lot_start_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_spot_start_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_start_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_live_spot_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_live_lot_idx"`);
        await queryRunner.query(`DROP INDEX "public"."bookings_due_reservations_idx"`);
        await queryRunner.query(`DROP TABLE "bookings"`);
        await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = $3 AND "schema" = $4 AND "table" = $5`, ["GENERATED_COLUMN","period",await currentDatabase(queryRunner),"public","bookings"]);
        await queryRunner.query(`DROP TYPE "public"."booking_status"`);
        await queryRunner.query(`DROP TYPE "public"."booking_type"`);
        await queryRunner.query(`DROP INDEX "public"."spots_lot_number_active_key"`);
        await queryRunner.query(`DROP INDEX "public"."lots_name_active_key"`);
        await queryRunner.query(`DROP TABLE "spots"`);
        await queryRunner.query(`DROP TABLE "lots"`);
    }

}
