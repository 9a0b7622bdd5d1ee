import type { OutgoingMail } from '../mail/mail.service';
import { ATTACHMENT_LIMIT_BYTES, ExportFileType, ExportKind } from './export-formats';
import type { ExportOwner } from './exports.repository';

export interface FinishedExport {
  kind: ExportKind;
  type: ExportFileType;
  rowCount: number;
  sizeBytes: number;
  expiresAt: Date;
  /** Absolute: the mail is read outside the app. */
  downloadUrl: string;
  downloadName: string;
}

const FORMAT_LABELS: Record<ExportFileType['extension'], string> = { csv: 'CSV', xlsx: 'Excel workbook (xlsx)', zip: 'zip of CSV files' };

/** Small files travel as an attachment; above the limit the mail carries only the download link. */
export function attachesFile(sizeBytes: number): boolean {
  return sizeBytes <= ATTACHMENT_LIMIT_BYTES;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The export-ready mail (R-JOB-5); `content` is the file when it is attached. */
export function exportReadyMail(owner: ExportOwner, done: FinishedExport, content?: Buffer): OutgoingMail {
  const what = done.kind === ExportKind.All ? 'data export' : 'bookings export';
  return {
    to: owner.email,
    subject: `Your ${what} is ready`,
    template: 'export-ready',
    context: {
      name: owner.full_name ?? owner.username,
      what,
      format: FORMAT_LABELS[done.type.extension],
      rowCount: done.rowCount,
      size: formatSize(done.sizeBytes),
      attached: content !== undefined,
      downloadUrl: done.downloadUrl,
      expiresAt: done.expiresAt,
    },
    attachments: content ? [{ filename: done.downloadName, content, contentType: done.type.contentType }] : undefined,
  };
}
