/** One value of an export row: text, a number, a yes/no, or nothing. */
export type Cell = string | number | boolean | null;

/**
 * Spreadsheets run text that starts with one of these as a formula (CSV injection, OWASP). Such text gets a
 * leading apostrophe: shown as the text itself, never evaluated.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Every text cell of every export passes here, whatever the format; numbers and booleans are data, not text. */
export function safeCell(cell: Cell): Cell {
  return typeof cell === 'string' ? neutraliseFormula(cell) : cell;
}

/** Quoted only when needed (RFC 4180): a separator, a quote or a line break; quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end (RFC 4180). */
export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Files start with a byte-order mark so that Excel reads them as UTF-8 rather than the local code page. */
export const CSV_BOM = '\uFEFF';
