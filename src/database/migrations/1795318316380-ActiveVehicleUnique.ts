import { MigrationInterface, QueryRunner } from "typeorm";

export class ActiveVehicleUnique1795318316380 implements MigrationInterface {
    name = 'ActiveVehicleUnique1795318316380'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNIQUE INDEX "bookings_active_vehicle_key" ON "bookings" ("vehicle_number") WHERE "status" = 'active'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."bookings_active_vehicle_key"`);
    }

}
