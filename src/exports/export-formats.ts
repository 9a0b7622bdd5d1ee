import type { JobOptions } from 'bull';
import { jobIdParam } from '../queues/job-id.param';
import { JobName } from '../queues/queue-names';

export enum ExportFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
}

/** `bookings`: a driver's own history; `all`: the admin's users, lots, bookings and payments. */
export enum ExportKind {
  Bookings = 'bookings',
  All = 'all',
}

/**
 * `readable`: for people — headers in words, money in currency units, times on the owner's calendar with
 * their offset, ids last. `machine`: for scripts — property names, ids first, minor units, ISO 8601 in UTC.
 */
export enum ExportLayout {
  Readable = 'readable',
  Machine = 'machine',
}

/** What a queued export carries; the owner is the only caller who may read it back (R-JOB-5). */
export interface ExportJobData {
  ownerId: string;
  format: ExportFormat;
  kind: ExportKind;
  /** Absent from jobs queued before layouts existed: those were asked for the machine layout. */
  layout?: ExportLayout;
  /** The IANA zone the readable layout writes its times in; absent from older jobs (then APP_TIMEZONE). */
  timeZone?: string;
}

/** The return value of a finished export job, kept with the job and read by GET /exports/:jobId. */
export interface ExportResult {
  rowCount: number;
  sizeBytes: number;
  expiresAt: string;
}

/** Export files are deleted, and refused, this long after they were written. */
export const EXPORT_RETENTION_DAYS = 7;

/**
 * Export jobs stay readable after they finish (the global default trims completed jobs by count), and
 * outlive their files, so GET answers `expired` for a week before it answers 404.
 */
export const EXPORT_JOB_OPTIONS: JobOptions = { removeOnComplete: { age: 14 * 24 * 3600 } };

/** Up to this size the file is attached to the mail (carried base64 through Redis); above, the mail has a link. */
export const ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024;

export const EXPORT_JOB_NAMES: Record<ExportKind, JobName> = {
  [ExportKind.Bookings]: JobName.ExportBookings,
  [ExportKind.All]: JobName.ExportAll,
};

/** Bull's own ids: a positive integer, as a string. */
export const EXPORT_JOB_ID = /^[1-9][0-9]{0,15}$/;

/** Export jobs have Bull's own numeric ids. */
export const ExportJobIdParam = jobIdParam(EXPORT_JOB_ID, 'must be a positive integer');

export interface ExportFileType {
  extension: 'csv' | 'xlsx' | 'zip';
  contentType: string;
}

const CSV: ExportFileType = { extension: 'csv', contentType: 'text/csv; charset=utf-8' };
const XLSX: ExportFileType = { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const ZIP: ExportFileType = { extension: 'zip', contentType: 'application/zip' };

/** xlsx is one workbook whatever the tables; csv is one file per table, so several tables travel as a zip. */
export function exportFileType(format: ExportFormat, kind: ExportKind): ExportFileType {
  if (format === ExportFormat.Xlsx) return XLSX;
  return kind === ExportKind.All ? ZIP : CSV;
}

/** The name of the file in the export folder; the job id makes it unique. */
export function storedFileName(jobId: string | number, type: ExportFileType): string {
  return `${jobId}.${type.extension}`;
}

/** The name the owner sees when downloading: what it holds and the day it was made, e.g. `parking-bookings-2026-11-22.csv`. */
export function downloadFileName(kind: ExportKind, type: ExportFileType, madeAt: Date): string {
  const what = kind === ExportKind.All ? 'parking-data' : 'parking-bookings';
  return `${what}-${madeAt.toISOString().slice(0, 10)}.${type.extension}`;
}
