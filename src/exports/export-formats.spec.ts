import { downloadFileName, EXPORT_JOB_ID, ExportFormat, ExportJobIdParam, exportFileType, ExportKind, storedFileName } from './export-formats';

describe('export file types', () => {
  it('is a CSV for a driver, a zip of CSVs for the admin, and an xlsx workbook for either', () => {
    expect(exportFileType(ExportFormat.Csv, ExportKind.Bookings).extension).toBe('csv');
    expect(exportFileType(ExportFormat.Csv, ExportKind.All)).toEqual({ extension: 'zip', contentType: 'application/zip' });
    expect(exportFileType(ExportFormat.Xlsx, ExportKind.Bookings)).toBe(exportFileType(ExportFormat.Xlsx, ExportKind.All));
  });

  it('stores by job id and downloads under a readable, dated name', () => {
    const xlsx = exportFileType(ExportFormat.Xlsx, ExportKind.All);
    expect(storedFileName(42, xlsx)).toBe('42.xlsx');
    expect(downloadFileName(ExportKind.All, xlsx, new Date('2026-11-22T23:30:00Z'))).toBe('parking-data-2026-11-22.xlsx');
    expect(downloadFileName(ExportKind.Bookings, exportFileType(ExportFormat.Csv, ExportKind.Bookings), new Date('2026-01-02T00:00:00Z'))).toBe(
      'parking-bookings-2026-01-02.csv',
    );
  });
});

describe('ExportJobIdParam', () => {
  it.each(['1', '42', '9999999999999999'])('accepts the Bull id %p', (id) => {
    expect(EXPORT_JOB_ID.test(id)).toBe(true);
    expect(ExportJobIdParam.transform(id, { type: 'param' })).toBe(id);
  });

  it.each(['0', '01', '-1', '1.5', 'abc', 'cleanup-exports:2026-11-22', '7f1f2b8e-1c1d-4e5f-9a0b-1c2d3e4f5a6b', '12345678901234567', ''])(
    'refuses %p with 400 VALIDATION_FAILED',
    (id) => {
      expect(() => ExportJobIdParam.transform(id, { type: 'param' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
    },
  );
});
