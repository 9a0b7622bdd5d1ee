import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CreateExportDto, ExportCreatedDto, ExportStatusDto } from './dto/exports.dto';
import { ExportJobIdParam, ExportKind } from './export-formats';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Export the caller’s booking history as CSV or XLSX' })
  @ApiAcceptedResponse({ type: ExportCreatedDto, description: 'The caller’s bookings are exported in the background, then mailed' })
  @ApiErrors('EXPORTS_IN_PROGRESS')
  createExport(@CurrentUser() user: AuthUser, @Body() body: CreateExportDto) {
    return this.exports.request(user, ExportKind.Bookings, body);
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Where an export stands, and its download link once done' })
  @ApiOkResponse({ type: ExportStatusDto })
  @ApiErrors('NOT_FOUND')
  getExport(@CurrentUser() user: AuthUser, @Param('jobId', ExportJobIdParam) jobId: string) {
    return this.exports.status(user, jobId);
  }

  @Get(':jobId/download')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip')
  @ApiOperation({ summary: 'Download a finished export (only its owner)' })
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('NOT_FOUND', 'EXPORT_NOT_READY', 'EXPORT_EXPIRED')
  async downloadExport(@CurrentUser() user: AuthUser, @Param('jobId', ExportJobIdParam) jobId: string): Promise<StreamableFile> {
    const file = await this.exports.download(user, jobId);
    return new StreamableFile(file.stream, { type: file.contentType, length: file.sizeBytes, disposition: `attachment; filename="${file.fileName}"` });
  }
}
