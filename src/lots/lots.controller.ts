import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { cachedJson } from '../cache/cached-json';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
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
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'VALIDATION_FAILED' })
@Controller('lots')
export class LotsController {
  constructor(private readonly lots: LotsService) {}

  @Get()
  @ApiOkResponse({ type: LotPageDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'includeArchived is for admins' })
  async listLots(@CurrentUser() viewer: AuthUser, @Query() query: ListLotsQueryDto, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.list(viewer, query));
  }

  @Get(':id')
  @ApiOkResponse({ type: LotDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown, or archived and the caller is a driver' })
  async getLot(@CurrentUser() viewer: AuthUser, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.get(viewer, id));
  }

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: LotDto, description: 'The lot, with spots 1..capacity' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'LOT_NAME_TAKEN' })
  createLot(@Body() body: CreateLotDto) {
    return this.lots.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: LotDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'LOT_NAME_TAKEN, LOT_ARCHIVED or CAPACITY_IN_USE' })
  updateLot(@Param('id', UuidParam) id: string, @Body() body: UpdateLotDto) {
    return this.lots.update(id, body);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Archived (or already archived)' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'LOT_IN_USE' })
  archiveLot(@Param('id', UuidParam) id: string) {
    return this.lots.archive(id);
  }

  @Get(':id/spots')
  @ApiOkResponse({ type: SpotPageDto, description: 'Occupancy details only for admins' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  listSpots(@CurrentUser() viewer: AuthUser, @Param('id', UuidParam) id: string, @Query() query: ListSpotsQueryDto) {
    return this.lots.listSpots(viewer, id, query);
  }

  @Patch(':id/spots/:spotId')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: SpotDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown lot, or a spot not of this lot' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SPOT_IN_USE or LOT_ARCHIVED' })
  updateSpot(@Param('id', UuidParam) id: string, @Param('spotId', UuidParam) spotId: string, @Body() body: UpdateSpotDto) {
    return this.lots.updateSpot(id, spotId, body.outOfService);
  }

  @Get(':id/availability')
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'LOT_ARCHIVED' })
  async getAvailability(@Param('id', UuidParam) id: string, @Query() query: AvailabilityQueryDto, @Res({ passthrough: true }) response: Response) {
    return cachedJson(response, await this.lots.availability(id, query));
  }
}
