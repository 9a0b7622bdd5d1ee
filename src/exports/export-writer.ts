import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import * as ExcelJS from 'exceljs';
import { Cell, CSV_BOM, csvRecord, safeCell } from './cells';
import { ExportFileType } from './export-formats';
import { ProgressReporter } from './progress';

/** One column of an export table. */
export interface ExportColumn {
  header: string;
  /**
   * A number written with exactly this many decimals (money in currency units): in CSV as text with them
   * ("12.50"), in xlsx as a number cell with that number format (0.00), so it still adds up.
   */
  decimals?: number;
}

/** One table of an export: a sheet of a workbook, or one CSV file. */
export interface ExportTable {
  /** The sheet name in a workbook; the file is `<name in lower case>.csv` in a zip. */
  name: string;
  columns: ExportColumn[];
  /** Opened when the writer reaches the table, so one database cursor is open at a time. */
  rows: () => AsyncIterable<Cell[]>;
}

/** CSV text is handed to the file in pieces of about this many characters rather than a write per row. */
const CSV_CHUNK_CHARS = 64 * 1024;
/**
 * zlib's standard level for the zip and the xlsx (itself a zip): a fifth smaller than level 1 for about a third
 * more CPU; bench/export.ts keeps the million-row xlsx within its 3 minutes with it.
 */
const ZIP_OPTIONS = { zlib: { level: 6 } };
/** How many xlsx rows are written between two looks at the back-pressure of the zip. */
const XLSX_DRAIN_CHECK_ROWS = 500;
const XLSX_COLUMN_WIDTH = 20;

/**
 * Writes the tables as one file of the given type into `out`, ends it, and resolves with the number of data
 * rows written. Everything streams: rows are pulled from their source only as fast as the file takes them.
 */
export async function writeExport(type: ExportFileType['extension'], tables: ExportTable[], out: Writable, progress: ProgressReporter): Promise<number> {
  const rows = new RowCounter(progress);
  switch (type) {
    case 'csv':
      if (tables.length !== 1) throw new Error(`A CSV file holds one table, not ${tables.length}`);
      await pipeline(Readable.from(csvText(tables[0], rows.of(tables[0]))), out);
      break;
    case 'zip':
      await writeCsvZip(tables, rows, out);
      break;
    case 'xlsx':
      await writeWorkbook(tables, rows, out);
      break;
  }
  return rows.written;
}

/** Counts rows for the result and the progress, and makes every text cell safe from formula injection. */
class RowCounter {
  written = 0;

  constructor(private readonly progress: ProgressReporter) {}

  async *of(table: ExportTable): AsyncGenerator<Cell[]> {
    for await (const cells of table.rows()) {
      this.written++;
      const report = this.progress.advance();
      if (report) await report;
      yield cells.map(safeCell);
    }
  }
}

async function* csvText(table: ExportTable, rows: AsyncIterable<Cell[]>): AsyncGenerator<string> {
  const decimals = table.columns.map((column) => column.decimals);
  const fixed = decimals.some((digits) => digits !== undefined);
  let chunk = CSV_BOM + csvRecord(table.columns.map((column) => column.header));
  for await (const cells of rows) {
    chunk += csvRecord(fixed ? withDecimals(cells, decimals) : cells);
    if (chunk.length >= CSV_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** Numbers of the columns with fixed decimals as their text ("12.50"); CSV has no number formats. */
function withDecimals(cells: Cell[], decimals: (number | undefined)[]): Cell[] {
  return cells.map((cell, i) => (typeof cell === 'number' && decimals[i] !== undefined ? cell.toFixed(decimals[i]) : cell));
}

/**
 * One CSV per table in a zip. archiver starts reading a stream as soon as it is appended, so each table is
 * appended only once the one before is in the zip: one database cursor at a time, on the snapshot's connection.
 */
async function writeCsvZip(tables: ExportTable[], rows: RowCounter, out: Writable): Promise<void> {
  const archive = archiver('zip', ZIP_OPTIONS);
  const written = pipeline(archive, out);
  // Awaited at the end; a failure meanwhile also rejects the entry being waited for.
  written.catch(() => undefined);
  for (const table of tables) {
    const source = Readable.from(csvText(table, rows.of(table)));
    // archiver does not pass an entry's failure on by itself: without this, a failing cursor would hang the zip.
    source.once('error', (error) => archive.destroy(error));
    const added = once(archive, 'entry');
    archive.append(source, { name: `${table.name.toLowerCase()}.csv` });
    await added;
  }
  await Promise.all([archive.finalize(), written]);
}

/** The style of a cell without a number format; shared, like every style object below (see writeWorkbook). */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const numberStyles = new Map<number, Partial<ExcelJS.Style>>();

/** `0.00` for two decimals, `0` for none: one shared style object per format. */
function numberStyle(decimals: number): Partial<ExcelJS.Style> {
  let style = numberStyles.get(decimals);
  if (!style) {
    style = Object.freeze({ numFmt: decimals ? `0.${'0'.repeat(decimals)}` : '0' });
    numberStyles.set(decimals, style);
  }
  return style;
}

/**
 * One sheet per table through exceljs's streaming writer: each row is committed (serialised and dropped) as it
 * is added, and strings are inline (no shared-strings table in memory). Styles carry the money columns'
 * number format. exceljs gives every new cell a style object of its own and works out (and serialises) the
 * style of each such object afresh, which more than doubled the time of a large workbook; each cell gets one
 * of a few shared style objects instead, which exceljs resolves once and then finds by identity.
 */
async function writeWorkbook(tables: ExportTable[], rows: RowCounter, out: Writable): Promise<void> {
  const broken = new AbortController();
  out.once('error', (error) => broken.abort(error));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: ZIP_OPTIONS });
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map(({ header }) => ({ header, width: Math.max(XLSX_COLUMN_WIDTH, header.length + 2) }));
    const styles = table.columns.map(({ decimals }) => (decimals === undefined ? PLAIN_STYLE : numberStyle(decimals)));
    let sinceCheck = 0;
    for await (const cells of rows.of(table)) {
      const row = sheet.addRow(cells);
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
      row.commit();
      if (++sinceCheck === XLSX_DRAIN_CHECK_ROWS) {
        sinceCheck = 0;
        await sheetDrained(sheet, broken.signal);
      }
    }
    sheet.commit();
  }
  await workbook.commit();
}

/** What exceljs keeps to itself: the worksheet's output buffer, and the zip entry stream it was piped into. */
interface SheetInternals {
  stream?: { pipes?: Writable[] };
}

/**
 * exceljs writes a sheet into its own buffer, which pushes into the zip entry without looking at its answer:
 * when the rows come faster than they are compressed and written, the whole sheet would pile up in memory.
 * The entry stream does keep count, so the writer waits here for it to drain, as `pipe` would.
 */
async function sheetDrained(sheet: ExcelJS.Worksheet, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const entry = (sheet as unknown as SheetInternals).stream?.pipes?.[0];
  const state = (entry as unknown as { _writableState?: { needDrain?: boolean } } | undefined)?._writableState;
  if (entry && (entry.writableNeedDrain || state?.needDrain)) await once(entry, 'drain', { signal });
}
