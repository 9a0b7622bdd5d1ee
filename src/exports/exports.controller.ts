import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
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
  @ApiAcceptedResponse({ type: ExportCreatedDto, description: 'The caller’s bookings are exported in the background, then mailed' })
  createExport(@CurrentUser() user: AuthUser, @Body() body: CreateExportDto) {
    return this.exports.request(user, ExportKind.Bookings, body.format);
  }

  @Get(':jobId')
  @ApiOkResponse({ type: ExportStatusDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown export, or another user’s' })
  getExport(@CurrentUser() user: AuthUser, @Param('jobId', ExportJobIdParam) jobId: string) {
    return this.exports.status(user, jobId);
  }

  @Get(':jobId/download')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip')
  @ApiOkResponse({ description: 'The file, as an attachment', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown export, or another user’s' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EXPORT_NOT_READY: waiting, active or failed' })
  @ApiGoneResponse({ type: ErrorBodyDto, description: 'EXPORT_EXPIRED: the file was deleted 7 days after it was written' })
  async downloadExport(@CurrentUser() user: AuthUser, @Param('jobId', ExportJobIdParam) jobId: string): Promise<StreamableFile> {
    const file = await this.exports.download(user, jobId);
    return new StreamableFile(file.stream, { type: file.contentType, length: file.sizeBytes, disposition: `attachment; filename="${file.fileName}"` });
  }
}
