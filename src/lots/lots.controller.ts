import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { cachedJson } from '../cache/cached-json';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { UuidParam } from '../common/validation/validators';
import {
  AvailabilityDto,
  AvailabilityQueryDto,
  CreateLotDto,
  ListLotsQueryDto,
  ListSpotsQueryDto,
  LotDto,
  LotPageDto,
  SpotDto,
  SpotPageDto,
  UpdateLotDto,
  UpdateSpotDto,
} from './dto/lots.dto';
import { LotsService } from './lots.service';

@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(private readonly lots: LotsService) {}

  @Get()
  @ApiOperation({ summary: 'List lots with live counts, price and rating (admins may include archived ones)' })
  @ApiOkResponse({ type: LotPageDto })
  @ApiErrors('FORBIDDEN')
  async listLots(@CurrentUser() viewer: AuthUser, @Query() query: ListLotsQueryDto, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.list(viewer, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lot with its live counts' })
  @ApiOkResponse({ type: LotDto })
  @ApiErrors('NOT_FOUND')
  async getLot(@CurrentUser() viewer: AuthUser, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.get(viewer, id));
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a lot and its spots' })
  @ApiCreatedResponse({ type: LotDto, description: 'The lot, with spots 1..capacity' })
  @ApiErrors('LOT_NAME_TAKEN')
  createLot(@CurrentUser() admin: AuthUser, @Body() body: CreateLotDto) {
    return this.lots.create(body, admin);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change a lot: name, address, price (a one-band tariff), time zone or capacity' })
  @ApiOkResponse({ type: LotDto })
  @ApiErrors('NOT_FOUND', 'LOT_NAME_TAKEN', 'LOT_ARCHIVED', 'CAPACITY_IN_USE')
  updateLot(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: UpdateLotDto) {
    return this.lots.update(id, body, admin);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Archive a lot' })
  @ApiNoContentResponse({ description: 'Archived (or already archived)' })
  @ApiErrors('NOT_FOUND', 'LOT_IN_USE')
  archiveLot(@Param('id', UuidParam) id: string) {
    return this.lots.archive(id);
  }

  @Post(':id/restore')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Restore an archived lot' })
  @ApiOkResponse({ type: LotDto, description: 'The lot, listed and bookable again; a lot that is not archived is answered as it is' })
  @ApiErrors('NOT_FOUND', 'LOT_NAME_TAKEN')
  restoreLot(@Param('id', UuidParam) id: string) {
    return this.lots.restore(id);
  }

  @Get(':id/spots')
  @ApiOperation({ summary: 'The spots of a lot with their status now' })
  @ApiOkResponse({ type: SpotPageDto, description: 'Occupancy details only for admins' })
  @ApiErrors('NOT_FOUND')
  listSpots(@CurrentUser() viewer: AuthUser, @Param('id', UuidParam) id: string, @Query() query: ListSpotsQueryDto) {
    return this.lots.listSpots(viewer, id, query);
  }

  @Patch(':id/spots/:spotId')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Mark a spot out of service or back in' })
  @ApiOkResponse({ type: SpotDto })
  @ApiErrors('NOT_FOUND', 'SPOT_IN_USE', 'LOT_ARCHIVED')
  updateSpot(@Param('id', UuidParam) id: string, @Param('spotId', UuidParam) spotId: string, @Body() body: UpdateSpotDto) {
    return this.lots.updateSpot(id, spotId, body.outOfService);
  }

  @Get(':id/availability')
  @ApiOperation({ summary: 'How many spots are free over a window' })
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiErrors('NOT_FOUND', 'LOT_ARCHIVED')
  async getAvailability(@Param('id', UuidParam) id: string, @Query() query: AvailabilityQueryDto, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.availability(id, query));
  }
}
