import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { Cell } from './cells';
import { ExportFileType } from './export-formats';
import { ExportTable, writeExport } from './export-writer';
import { ProgressReporter } from './progress';

async function* fromArray(rows: Cell[][]): AsyncGenerator<Cell[]> {
  for (const row of rows) yield row;
}

async function* failingAfter(rows: Cell[][]): AsyncGenerator<Cell[]> {
  yield* rows;
  throw new Error('cursor lost');
}

const table = (name: string, headers: string[], rows: Cell[][]): ExportTable => ({ name, columns: headers.map((header) => ({ header })), rows: () => fromArray(rows) });

const BOOKINGS = table(
  'Bookings',
  ['id', 'lotName', 'spotNumber', 'paid', 'endAt'],
  [
    ['b1', 'North, "Main"', 3, true, null],
    ['b2', '=HYPERLINK("http://evil")', 12, false, '2026-11-22T10:00:00.000Z'],
  ],
);
const LOTS = table('Lots', ['id', 'name'], [['l1', '@Central']]);

describe('writeExport', () => {
  let dir: string;
  const reports: number[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'export-writer-'));
    reports.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const write = async (type: ExportFileType['extension'], tables: ExportTable[], total = 3) => {
    const path = join(dir, `out.${type}`);
    const rows = await writeExport(type, tables, createWriteStream(path), new ProgressReporter(total, async (p) => reports.push(p)));
    return { path, rows };
  };

  it('writes CSV: BOM, header, CRLF records, RFC 4180 quoting, formulas neutralised', async () => {
    const { path, rows } = await write('csv', [BOOKINGS], 2);
    expect(rows).toBe(2);
    expect(await readFile(path, 'utf8')).toBe(
      '\uFEFFid,lotName,spotNumber,paid,endAt\r\n' +
        'b1,"North, ""Main""",3,true,\r\n' +
        `b2,"'=HYPERLINK(""http://evil"")",12,false,2026-11-22T10:00:00.000Z\r\n`,
    );
    expect(reports).toEqual([50, 99]);
  });

  /** Money in currency units: a column with two decimals between plain ones. */
  const PAYMENTS: ExportTable = {
    name: 'Payments',
    columns: [{ header: 'Driver' }, { header: 'Amount', decimals: 2 }, { header: 'Spot' }, { header: 'Yen', decimals: 0 }],
    rows: () => fromArray([['ann', 12.5, 3, 1200], ['bob', 0.07, 12, null], ['cy', 1005 / 100, 4, 7]]),
  };

  it('writes the numbers of a column with decimals as text with exactly that many in CSV ("12.50")', async () => {
    const { path } = await write('csv', [PAYMENTS]);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFDriver,Amount,Spot,Yen\r\nann,12.50,3,1200\r\nbob,0.07,12,\r\ncy,10.05,4,7\r\n');
  });

  it('writes the numbers of a column with decimals as number cells with that number format in xlsx', async () => {
    const { path } = await write('xlsx', [PAYMENTS]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Payments')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Driver', 'Amount', 'Spot', 'Yen']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'ann', 12.5, 3, 1200]);
    expect(sheet.getRow(4).getCell(2).value).toBe(10.05);
    for (const row of [2, 3, 4]) {
      expect(sheet.getRow(row).getCell(2).numFmt).toBe('0.00');
      expect(sheet.getRow(row).getCell(3).numFmt).toBeUndefined();
    }
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('0');
    expect(sheet.getRow(2).getCell(1).numFmt).toBeUndefined();
  });

  it('streams a CSV larger than its chunk size whole and in order', async () => {
    const many = Array.from({ length: 5000 }, (_, i): Cell[] => [i, `row ${i}`]);
    const { path, rows } = await write('csv', [table('Big', ['n', 'label'], many)], many.length);
    const lines = (await readFile(path, 'utf8')).split('\r\n');
    expect(rows).toBe(5000);
    expect(lines).toHaveLength(5002); // header, 5000 rows, and the empty string after the last CRLF
    expect(lines[5000]).toBe('4999,row 4999');
  });

  it('writes one xlsx sheet per table with typed cells and neutralised text', async () => {
    const { path, rows } = await write('xlsx', [BOOKINGS, LOTS]);
    expect(rows).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Bookings', 'Lots']);
    const bookings = workbook.getWorksheet('Bookings')!;
    expect(bookings.getRow(1).values).toEqual([undefined, 'id', 'lotName', 'spotNumber', 'paid', 'endAt']);
    expect(bookings.getRow(2).values).toEqual([undefined, 'b1', 'North, "Main"', 3, true]);
    expect(bookings.getRow(3).values).toEqual([undefined, 'b2', `'=HYPERLINK("http://evil")`, 12, false, '2026-11-22T10:00:00.000Z']);
    expect(bookings.rowCount).toBe(3);
    expect(workbook.getWorksheet('Lots')!.getRow(2).values).toEqual([undefined, 'l1', "'@Central"]);
    expect(reports).toEqual([33, 66, 99]);
  });

  it('writes a zip with one CSV per table, named after the table (its content is read back in the API tests)', async () => {
    const { path, rows } = await write('zip', [BOOKINGS, LOTS]);
    expect(rows).toBe(3);
    const zip = await readFile(path);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(zip.includes('bookings.csv')).toBe(true);
    expect(zip.includes('lots.csv')).toBe(true);
  });

  it.each(['zip', 'xlsx'] as const)('reads the tables of a %s one after the other: one cursor open at a time', async (type) => {
    const events: string[] = [];
    const traced = (name: string): ExportTable => ({
      name,
      columns: [{ header: 'n' }],
      rows: async function* () {
        events.push(`open ${name}`);
        yield* [[1], [2]];
        events.push(`close ${name}`);
      },
    });
    await write(type, [traced('A'), traced('B'), traced('C')], 6);
    expect(events).toEqual(['open A', 'close A', 'open B', 'close B', 'open C', 'close C']);
  });

  it('refuses several tables in one CSV file', async () => {
    await expect(write('csv', [BOOKINGS, LOTS])).rejects.toThrow('A CSV file holds one table, not 2');
  });

  it.each(['csv', 'zip', 'xlsx'] as const)('fails (rather than hangs) when the rows of a %s fail midway', async (type) => {
    const broken: ExportTable = { name: 'Broken', columns: [{ header: 'n' }], rows: () => failingAfter([[1], [2]]) };
    await expect(write(type, type === 'csv' ? [broken] : [LOTS, broken])).rejects.toThrow('cursor lost');
  });
});
