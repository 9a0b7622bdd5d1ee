import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppCacheService, lotCacheScopes } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Tariff } from '../pricing/tariff';
import { TariffDto, TariffInputDto, TariffVersionDto } from './dto/lots.dto';
import { Lot } from './entities/lot.entity';
import { LotTariffsRepository, StoredTariff } from './lot-tariffs.repository';
import { LotsRepository } from './lots.repository';
import { rateAt, tariffProblems } from '../pricing';

/** A tariff input with every default of R-TARIFF-1 applied, in `timeZone` unless it names its own. */
export function tariffOf(input: TariffInputDto, timeZone: string): Tariff {
  return {
    timeZone: input.timeZone ?? timeZone,
    bands: input.bands.map(({ days, from, to, ratePerHourCents }) => ({ days: [...days].sort((a, b) => a - b), from, to, ratePerHourCents })),
    graceMinutes: input.graceMinutes ?? 0,
    incrementMinutes: input.incrementMinutes ?? 1,
    firstPeriod: input.firstPeriod ? { minutes: input.firstPeriod.minutes, cents: input.firstPeriod.cents } : null,
    dailyMaxCents: input.dailyMaxCents ?? null,
  };
}

function toTariffDto({ lotId, version, tariff, createdAt }: StoredTariff): TariffDto {
  const { timeZone, bands, graceMinutes, incrementMinutes, firstPeriod, dailyMaxCents } = tariff;
  return { lotId, version, timeZone, bands, graceMinutes, incrementMinutes, firstPeriod, dailyMaxCents, createdAt: createdAt.toISOString() };
}

/** R-TARIFF-1, 2: a lot's tariff, in versions. Every change writes the next version; none is ever changed. */
@Injectable()
export class LotTariffsService {
  constructor(
    private readonly tariffs: LotTariffsRepository,
    private readonly lots: LotsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: AppCacheService,
    private readonly clock: Clock,
  ) {}

  /** The current version, or an earlier one; an archived lot's tariff is "not found" for drivers, like the lot. */
  async get(viewer: AuthUser, lotId: string, version?: number): Promise<TariffDto> {
    const found = await this.cache.getOrSet(lotCacheScopes.lot(lotId), `tariff:${lotId}:${version ?? 'current'}`, () => this.tariffs.find(lotId, version));
    if (!found || (found.lotArchived && viewer.role !== Role.Admin)) throw DomainError.notFound('Lot');
    if (!found.stored) throw DomainError.notFound('Tariff version');
    return toTariffDto(found.stored);
  }

  async versions(lotId: string): Promise<TariffVersionDto[]> {
    const rows = await this.tariffs.listVersions(lotId);
    if (!rows) throw DomainError.notFound('Lot');
    return rows.map((row) => ({
      version: row.version,
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by ? { id: row.created_by, username: row.created_by_username! } : null,
    }));
  }

  /**
   * PUT: the next version; each gap and overlap is a 400 and nothing is written. The lot row is locked FOR
   * NO KEY UPDATE, so concurrent changes of the tariff take the next numbers one after the other, while
   * bookings (FOR KEY SHARE) go on: each is made under the version committed before or after it.
   */
  async replace(by: AuthUser, lotId: string, input: TariffInputDto): Promise<TariffDto> {
    const version = await this.dataSource.transaction(async (manager) => {
      const lot = await this.lots.lock(lotId, 'for_no_key_update', manager);
      if (!lot) throw DomainError.notFound('Lot');
      if (lot.archivedAt) throw new DomainError('LOT_ARCHIVED');
      const tariff = tariffOf(input, lot.timeZone);
      const problems = tariffProblems(tariff);
      if (problems.length) {
        throw new DomainError('VALIDATION_FAILED', `Invalid input — bands: ${problems.join('; ')}`, [{ field: 'bands', errors: problems }]);
      }
      return this.writeVersion(lot, tariff, by.id, manager);
    });
    await this.cache.invalidateLot(lotId);
    return toTariffDto((await this.tariffs.find(lotId, version))!.stored!);
  }

  /**
   * Inside a transaction that holds the lot's row lock: writes `tariff` as the lot's next version and makes
   * it current. The lot takes the tariff's zone, and stores the rate in force now as the rate bookings
   * snapshot until they are priced by version.
   */
  async writeVersion(lot: Lot, tariff: Tariff, createdBy: string, manager: EntityManager): Promise<number> {
    const version = lot.currentTariffVersion + 1;
    const now = this.clock.now();
    await this.tariffs.insert(lot.id, version, tariff, now, createdBy, manager);
    await this.lots.updateLot(lot.id, { currentTariffVersion: version, timeZone: tariff.timeZone, pricePerHourCents: rateAt(tariff, now) }, manager);
    return version;
  }

  /** The lot's current tariff, read inside the caller's transaction. */
  async current(lot: Lot, manager: EntityManager): Promise<Tariff> {
    return (await this.tariffs.find(lot.id, lot.currentTariffVersion, manager))!.stored!.tariff;
  }

  setAuthor(lotId: string, version: number, userId: string, manager: EntityManager): Promise<void> {
    return this.tariffs.setAuthor(lotId, version, userId, manager);
  }
}
