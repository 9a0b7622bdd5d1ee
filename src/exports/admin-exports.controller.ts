import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CreateExportDto, ExportCreatedDto } from './dto/exports.dto';
import { ExportKind } from './export-formats';
import { ExportsService } from './exports.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/exports')
export class AdminExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Export users, lots, bookings and payments' })
  @ApiErrors('EXPORTS_IN_PROGRESS')
  @ApiAcceptedResponse({
    type: ExportCreatedDto,
    description: 'Users, lots, bookings and payments: an xlsx workbook with a sheet each, or a zip of four CSV files. Read it back with GET /exports/{jobId}.',
  })
  createAdminExport(@CurrentUser() admin: AuthUser, @Body() body: CreateExportDto) {
    return this.exports.request(admin, ExportKind.All, body);
  }
}
