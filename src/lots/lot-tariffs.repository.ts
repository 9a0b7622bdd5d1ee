import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Tariff } from '../pricing/tariff';

export interface StoredTariff {
  lotId: string;
  version: number;
  tariff: Tariff;
  createdAt: Date;
}

/** A version looked up, with what its readers need of the lot: null when the lot is unknown. */
export type TariffLookup = { lotArchived: boolean; stored: StoredTariff | null } | null;

export interface TariffVersionRow {
  version: number;
  created_at: Date;
  created_by: string | null;
  created_by_username: string | null;
}

/** The SQL of tariff versions (R-TARIFF-2). Versions are only ever added, never changed (but for their author, once). */
@Injectable()
export class LotTariffsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A lot's tariff version, the current one when `version` is undefined. */
  async find(lotId: string, version: number | undefined, manager: EntityManager = this.dataSource.manager): Promise<TariffLookup> {
    const rows: { archived_at: Date | null; version: number | null; tariff: Tariff | null; created_at: Date | null }[] = await manager.query(
      `SELECT l.archived_at, t.version, t.tariff, t.created_at
       FROM lots l LEFT JOIN lot_tariffs t ON t.lot_id = l.id AND t.version = COALESCE($2, l.current_tariff_version)
       WHERE l.id = $1`,
      [lotId, version ?? null],
    );
    const [row] = rows;
    if (!row) return null;
    const stored = row.version === null ? null : { lotId, version: row.version, tariff: row.tariff!, createdAt: row.created_at! };
    return { lotArchived: row.archived_at !== null, stored };
  }

  /** Newest first; null when the lot is unknown. */
  async listVersions(lotId: string): Promise<TariffVersionRow[] | null> {
    const rows: (TariffVersionRow & { lot_id: string })[] = await this.dataSource.query(
      `SELECT l.id AS lot_id, t.version, t.created_at, t.created_by, u.username AS created_by_username
       FROM lots l JOIN lot_tariffs t ON t.lot_id = l.id LEFT JOIN users u ON u.id = t.created_by
       WHERE l.id = $1 ORDER BY t.version DESC`,
      [lotId],
    );
    // Every lot has version 1 (a trigger writes it with the lot), so no rows means no lot.
    return rows.length ? rows : null;
  }

  async insert(lotId: string, version: number, tariff: Tariff, createdAt: Date, createdBy: string | null, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO lot_tariffs (lot_id, version, tariff, created_at, created_by) VALUES ($1, $2, $3, $4, $5)`, [
      lotId,
      version,
      JSON.stringify(tariff),
      createdAt,
      createdBy,
    ]);
  }

  /** The database writes version 1 with the lot (trigger lots_first_tariff); the service then names who created it. */
  async setAuthor(lotId: string, version: number, userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE lot_tariffs SET created_by = $3 WHERE lot_id = $1 AND version = $2`, [lotId, version, userId]);
  }
}
