import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-LIMIT-1, held under concurrency by the database: before a booking becomes `active` or `reserved`, a
 * lock of the driver (a transaction-level advisory lock) is taken and the driver's bookings of that status
 * counted. In READ COMMITTED every
 * statement of a PL/pgSQL function takes a new snapshot, so the count runs after the lock was granted and
 * sees the concurrent booking that held it. The limits come from the session (`parking.max_*`, set by the
 * app's connections); a session without them has none. A refusal is a check violation of the named
 * constraint, for the service to map to 409 BOOKING_LIMIT_REACHED.
 */
export class DriverBookingLimits1795600000001 implements MigrationInterface {
  name = 'DriverBookingLimits1795600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // What the trigger counts, without visiting the driver's past bookings.
    await queryRunner.query(`CREATE INDEX "bookings_user_live_idx" ON "bookings" ("user_id", "status") WHERE "status" IN ('reserved', 'active')`);
    await queryRunner.query(`
      CREATE FUNCTION bookings_enforce_driver_limits() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        setting text := CASE NEW.status WHEN 'active' THEN 'parking.max_active_bookings' ELSE 'parking.max_upcoming_reservations' END;
        max_held int := NULLIF(current_setting(setting, true), '')::int;
        held int;
      BEGIN
        IF max_held IS NULL THEN
          RETURN NEW;
        END IF;
        -- A lock per driver for the rest of the transaction; an advisory lock writes nothing to the row.
        PERFORM pg_advisory_xact_lock(hashtextextended('bookings:driver-limit:' || NEW.user_id, 0));
        SELECT count(*) INTO held FROM bookings WHERE user_id = NEW.user_id AND status = NEW.status AND id <> NEW.id;
        IF held >= max_held THEN
          RAISE EXCEPTION 'driver % already holds % % bookings', NEW.user_id, held, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_driver_limit', TABLE = 'bookings';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER bookings_driver_limits_insert BEFORE INSERT ON bookings
      FOR EACH ROW WHEN (NEW.status IN ('active', 'reserved')) EXECUTE FUNCTION bookings_enforce_driver_limits()`);
    await queryRunner.query(`
      CREATE TRIGGER bookings_driver_limits_update BEFORE UPDATE OF status ON bookings
      FOR EACH ROW WHEN (NEW.status IN ('active', 'reserved') AND NEW.status IS DISTINCT FROM OLD.status)
      EXECUTE FUNCTION bookings_enforce_driver_limits()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER bookings_driver_limits_update ON bookings`);
    await queryRunner.query(`DROP TRIGGER bookings_driver_limits_insert ON bookings`);
    await queryRunner.query(`DROP FUNCTION bookings_enforce_driver_limits()`);
    await queryRunner.query(`DROP INDEX "public"."bookings_user_live_idx"`);
  }
}
