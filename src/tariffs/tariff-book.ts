import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { setNewest } from '../common/bounded-map';
import { oneBandTariff, Tariff } from '../pricing/tariff';

/** Versions kept in memory: a few per lot covers every booking being priced at once. */
const CACHED_VERSIONS = 2000;

/** What names the tariff a booking is priced with (R-TARIFF-2). */
export interface BookingTariffRef {
  lotId: string;
  /** Null for a booking made before tariffs: it is priced at its own hourly rate. */
  tariffVersion: number | null;
  ratePerHourCents: number;
  /** The lot's zone (a one-band tariff prices the same in any zone). */
  timeZone: string;
}

/** A lot's tariff in force: its current version, read now (it changes), and the version's tariff (cached). */
export interface CurrentTariff {
  version: number;
  tariff: Tariff;
  lotArchived: boolean;
}

/** The tariff a booking made before tariffs existed is priced with: one band at its own rate, R-PRICE-2 exactly. */
export function legacyTariff(ratePerHourCents: number, timeZone: string): Tariff {
  return oneBandTariff(ratePerHourCents, timeZone);
}

/**
 * The one owner of "the tariff of (lot, version)" for pricing. A stored version never changes
 * (R-TARIFF-2), so a version read once is kept for the life of the process with no invalidation; the map
 * is bounded, dropping the version read longest ago. Concurrent first reads of a version share one query.
 */
@Injectable()
export class TariffBook {
  private readonly versions = new Map<string, Promise<Tariff>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The tariff of a lot's version; throws when the version does not exist (a foreign key keeps bookings' versions real). */
  get(lotId: string, version: number): Promise<Tariff> {
    const key = `${lotId}:${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const loading = this.load(lotId, version);
    setNewest(this.versions, key, loading, CACHED_VERSIONS);
    // A failed read is not kept: the next caller asks the database again.
    loading.catch(() => this.versions.get(key) === loading && this.versions.delete(key));
    return loading;
  }

  /** The tariff a booking is priced with: its version's, or for a booking made before tariffs, its own rate. */
  forBooking(booking: BookingTariffRef): Promise<Tariff> {
    if (booking.tariffVersion === null) return Promise.resolve(legacyTariff(booking.ratePerHourCents, booking.timeZone));
    return this.get(booking.lotId, booking.tariffVersion);
  }

  /** The lot's current version and its tariff: one cheap query by primary key, then the cache; null for an unknown lot. */
  async current(lotId: string): Promise<CurrentTariff | null> {
    const rows: { version: number; archived: boolean }[] = await this.dataSource.query(
      `SELECT current_tariff_version AS version, archived_at IS NOT NULL AS archived FROM lots WHERE id = $1`,
      [lotId],
    );
    if (!rows.length) return null;
    const [{ version, archived }] = rows;
    return { version, tariff: await this.get(lotId, version), lotArchived: archived };
  }

  private async load(lotId: string, version: number): Promise<Tariff> {
    const rows: { tariff: Tariff }[] = await this.dataSource.query(`SELECT tariff FROM lot_tariffs WHERE lot_id = $1 AND version = $2`, [lotId, version]);
    if (!rows.length) throw new Error(`Lot ${lotId} has no tariff version ${version}`);
    return rows[0].tariff;
  }
}
