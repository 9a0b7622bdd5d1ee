import PDFDocument from 'pdfkit';

export interface PdfColumn {
  header: string;
  /** Share of the page width. */
  width: number;
  align?: 'left' | 'right';
}

export interface PdfTable {
  title: string;
  columns: PdfColumn[];
  rows: string[][];
}

export interface PdfBarChart {
  title: string;
  /** An empty label leaves its bar unlabelled. */
  bars: { label: string; value: number }[];
  formatValue: (value: number) => string;
}

/** A report as the PDF attachments of R-JOB-4 show it: summary, one bar chart, tables, then notes. */
export interface PdfReport {
  title: string;
  subtitle: string;
  summary: { label: string; value: string }[];
  chart: PdfBarChart;
  tables: PdfTable[];
  notes: string[];
}

const MARGIN = 50;
const INK = '#1f2937';
const MUTED = '#6b7280';
const BRAND = '#1e3a8a';
const RULE = '#e5e7eb';
const CHART_HEIGHT = 140;
const ROW_HEIGHT = 16;

/**
 * Lays the report out on A4 pages in Helvetica, a standard PDF font (no font file to ship or embed).
 * Emphasis is size and colour, not bold: pdfkit parses the metrics of each font anew for every document,
 * a good part of the cost of a driver's report — made 10,000 times a month.
 */
export function renderReportPdf(report: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: 'Helvetica', info: { Title: report.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(20).fillColor(BRAND).text(report.title);
  doc.fontSize(10).fillColor(MUTED).text(report.subtitle).moveDown(1);
  drawTable(doc, {
    title: 'Summary',
    columns: [
      { header: 'Figure', width: 0.5 },
      { header: 'Value', width: 0.5, align: 'right' },
    ],
    rows: report.summary.map(({ label, value }) => [label, value]),
  });
  drawBarChart(doc, report.chart);
  for (const table of report.tables) drawTable(doc, table);
  doc.fontSize(8).fillColor(MUTED);
  for (const note of report.notes) doc.text(note, MARGIN, doc.y, { width: contentWidth(doc) }).moveDown(0.3);
  doc.end();
  return done;
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * MARGIN;
}

/** Starts a new page when `height` does not fit below the cursor. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: PDFKit.PDFDocument, title: string): void {
  ensureRoom(doc, 3 * ROW_HEIGHT);
  doc.fontSize(13).fillColor(BRAND).text(title, MARGIN, doc.y).moveDown(0.4);
}

function drawRow(doc: PDFKit.PDFDocument, columns: PdfColumn[], cells: string[], header: boolean): void {
  const width = contentWidth(doc);
  const y = doc.y;
  let x = MARGIN;
  doc.fontSize(9).fillColor(header ? MUTED : INK);
  columns.forEach((column, i) => {
    const cellWidth = column.width * width;
    doc.text(cells[i] ?? '', x + 2, y + 4, { width: cellWidth - 4, align: column.align ?? 'left', lineBreak: false, ellipsis: true });
    x += cellWidth;
  });
  doc.moveTo(MARGIN, y + ROW_HEIGHT).lineTo(MARGIN + width, y + ROW_HEIGHT).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.x = MARGIN;
  doc.y = y + ROW_HEIGHT;
}

function drawTable(doc: PDFKit.PDFDocument, table: PdfTable): void {
  heading(doc, table.title);
  const header = table.columns.map((column) => column.header);
  drawRow(doc, table.columns, header, true);
  if (table.rows.length === 0) drawRow(doc, table.columns, ['None'], false);
  for (const row of table.rows) {
    if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN) {
      doc.addPage();
      drawRow(doc, table.columns, header, true);
    }
    drawRow(doc, table.columns, row, false);
  }
  doc.moveDown(1.2);
}

/** Vertical bars scaled to the largest value, a label under each bar and the scale on the left. */
function drawBarChart(doc: PDFKit.PDFDocument, chart: PdfBarChart): void {
  heading(doc, chart.title);
  ensureRoom(doc, CHART_HEIGHT + 30);
  const axisWidth = 60;
  const left = MARGIN + axisWidth;
  const width = contentWidth(doc) - axisWidth;
  const top = doc.y + 6;
  const bottom = top + CHART_HEIGHT;
  const max = Math.max(0, ...chart.bars.map((bar) => bar.value));
  const slot = width / Math.max(1, chart.bars.length);

  doc.fontSize(7).fillColor(MUTED);
  doc.text(chart.formatValue(max), MARGIN, top - 3, { width: axisWidth - 6, align: 'right', lineBreak: false });
  doc.text(chart.formatValue(0), MARGIN, bottom - 4, { width: axisWidth - 6, align: 'right', lineBreak: false });
  doc.moveTo(left, top).lineTo(left, bottom).lineTo(left + width, bottom).lineWidth(0.5).strokeColor(MUTED).stroke();
  chart.bars.forEach((bar, i) => {
    const x = left + i * slot;
    const height = max > 0 ? (bar.value / max) * CHART_HEIGHT : 0;
    if (height > 0) doc.rect(x + slot * 0.15, bottom - height, slot * 0.7, height).fill(BRAND);
    if (bar.label) doc.fillColor(MUTED).text(bar.label, x, bottom + 3, { width: slot, align: 'center', lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = bottom + 20;
  doc.moveDown(1);
}
