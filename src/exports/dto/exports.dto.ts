import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ExportFormat, ExportKind, ExportLayout } from '../export-formats';
import { IsIanaTimeZone } from '../../pricing/time-zone.validator';

export type ExportState = 'waiting' | 'active' | 'completed' | 'failed' | 'expired';
const EXPORT_STATES: ExportState[] = ['waiting', 'active', 'completed', 'failed', 'expired'];

export class CreateExportDto {
  @ApiProperty({ description: 'csv (a zip of CSV files for the admin export) or xlsx (one sheet per table)', enum: ExportFormat, enumName: 'ExportFormat' })
  @IsIn(Object.values(ExportFormat))
  format: ExportFormat;

  @ApiPropertyOptional({
    description:
      'readable (the default): headers in words, money in currency units with its decimals ("12.50"), times in `timeZone` with their offset ("2026-12-08 14:05 +01:00"), ids last. machine: property names, ids first, minor units, ISO 8601 times in UTC.',
    enum: ExportLayout,
    enumName: 'ExportLayout',
    default: ExportLayout.Readable,
  })
  @IsOptional()
  @IsIn(Object.values(ExportLayout))
  layout?: ExportLayout;

  @ApiPropertyOptional({
    description: 'The IANA time zone the readable layout writes times in, e.g. the browser’s; defaults to the server’s APP_TIMEZONE',
    example: 'Europe/Berlin',
    maxLength: 64,
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class ExportCreatedDto {
  @ApiProperty({ description: 'The export job; poll GET /exports/{jobId} for its state', example: '42' })
  jobId: string;
}

export class ExportStatusDto {
  @ApiProperty({ description: 'The export job id', example: '42' })
  jobId: string;

  @ApiProperty({ description: 'Requested format', enum: ExportFormat, enumName: 'ExportFormat' })
  format: ExportFormat;

  @ApiProperty({ description: 'bookings: the caller’s own bookings; all: users, lots, bookings and payments (admin)', enum: ExportKind, enumName: 'ExportKind' })
  kind: ExportKind;

  @ApiProperty({
    description: 'waiting (queued or waiting for a retry), active, completed, failed (after its retries), expired (file deleted after 7 days)',
    enum: EXPORT_STATES,
    enumName: 'ExportState',
  })
  state: ExportState;

  @ApiProperty({ description: 'Share of the rows written, 0–100; 100 once the file is complete', minimum: 0, maximum: 100 })
  progress: number;

  @ApiPropertyOptional({ description: 'Data rows in the file (all tables), once completed' })
  rowCount?: number;

  @ApiPropertyOptional({ description: 'File size in bytes, once completed' })
  sizeBytes?: number;

  @ApiPropertyOptional({ description: 'Where the owner downloads the file, while completed and not expired', example: '/api/exports/42/download' })
  downloadUrl?: string;

  @ApiPropertyOptional({ description: 'When the file is deleted (7 days after it was written)', format: 'date-time' })
  expiresAt?: string;

  @ApiProperty({ description: 'When the export was requested', format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ description: 'Why the export failed, when failed' })
  error?: string;
}
