import { csvField, csvRecord, neutraliseFormula, safeCell } from './cells';

describe('neutraliseFormula (CSV injection)', () => {
  it.each(['=1+2', '+1', '-2', '@SUM(A1:A2)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","y")'])('prefixes %p with an apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['Central Lot', '2026-11-22T10:00:00.000Z', 'KA01AB1234', 'a=b', ' =padded', '', "'quoted"])('leaves %p as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('touches text only: numbers (negative ones too), booleans and empty cells are data', () => {
    expect(safeCell('-5')).toBe("'-5");
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(false)).toBe(false);
    expect(safeCell(null)).toBeNull();
  });
});

describe('csvField (RFC 4180)', () => {
  it('writes plain values as they are', () => {
    expect(csvField('Central')).toBe('Central');
    expect(csvField(1250)).toBe('1250');
    expect(csvField(0)).toBe('0');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField('Zürich – 北京')).toBe('Zürich – 北京');
  });

  it('writes an empty cell and an empty string alike, as nothing', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\n', '"crlf\r\n"'],
  ])('quotes %p as %p', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });
});

describe('csvRecord', () => {
  it('joins the fields with commas and ends the line with CRLF', () => {
    expect(csvRecord(['id', 'Lot, "North"', 3, null, true])).toBe('id,"Lot, ""North""",3,,true\r\n');
  });

  it('writes an empty record as a bare line end', () => {
    expect(csvRecord([])).toBe('\r\n');
  });
});
