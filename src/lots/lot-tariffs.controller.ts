import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { UuidParam } from '../common/validation/validators';
import { TariffDto, TariffInputDto, TariffQueryDto, TariffVersionDto } from './dto/lots.dto';
import { LotTariffsService } from './lot-tariffs.service';

/** R-TARIFF-1, 2: a lot's tariff and its versions. */
@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotTariffsController {
  constructor(private readonly tariffs: LotTariffsService) {}

  @Get(':id/tariff')
  @ApiOperation({ summary: "A lot's tariff: the current version, or an earlier one with ?version" })
  @ApiOkResponse({ type: TariffDto })
  @ApiErrors('NOT_FOUND')
  getTariff(@CurrentUser() viewer: AuthUser, @Param('id', UuidParam) id: string, @Query() query: TariffQueryDto) {
    return this.tariffs.get(viewer, id, query.version);
  }

  @Put(':id/tariff')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Replace a lot's tariff: writes its next version, which new bookings get" })
  @ApiOkResponse({ type: TariffDto, description: 'The new version' })
  @ApiErrors('NOT_FOUND', 'LOT_ARCHIVED')
  replaceTariff(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: TariffInputDto) {
    return this.tariffs.replace(admin, id, body);
  }

  @Get(':id/tariff/versions')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "The versions of a lot's tariff, newest first" })
  @ApiOkResponse({ type: TariffVersionDto, isArray: true })
  @ApiErrors('NOT_FOUND')
  listTariffVersions(@Param('id', UuidParam) id: string) {
    return this.tariffs.versions(id);
  }
}
