import { renderReportPdf, PdfReport } from './report-pdf';

const report = (rows: number): PdfReport => ({
  title: 'Monthly report: March 2025',
  subtitle: 'Vehicle Parking',
  summary: [{ label: 'Bookings', value: '8' }],
  chart: { title: 'Revenue per day', bars: Array.from({ length: 31 }, (_, i) => ({ label: String(i + 1), value: i % 3 ? 0 : i * 100 })), formatValue: String },
  tables: [{ title: 'Day by day', columns: [{ header: 'Day', width: 0.5 }, { header: 'Revenue', width: 0.5, align: 'right' }], rows: Array.from({ length: rows }, (_, i) => [`Day ${i}`, '$1.00']) }],
  notes: ['Days are local to Europe/Berlin.'],
});

/** Page objects in the PDF (their dictionaries are not compressed). */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('renderReportPdf', () => {
  it('writes a one-page PDF for a short report', async () => {
    const pdf = await renderReportPdf(report(5));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd()).toMatch(/%%EOF$/);
    expect(pages(pdf)).toBe(1);
  });

  it('continues a long table on new pages', async () => {
    expect(pages(await renderReportPdf(report(120)))).toBeGreaterThanOrEqual(3);
  });

  it('draws a chart whose bars are all zero', async () => {
    const empty = { ...report(0), chart: { ...report(0).chart, bars: [{ label: '1', value: 0 }] } };
    expect(pages(await renderReportPdf(empty))).toBe(1);
  });
});
