import { isoFromPg } from './pg-timestamp';

describe('isoFromPg', () => {
  it.each([
    ['2026-11-22 10:00:00+00', '2026-11-22T10:00:00.000Z'],
    ['2026-11-22 10:00:00.5+00', '2026-11-22T10:00:00.500Z'],
    ['2026-11-22 10:00:00.12+00', '2026-11-22T10:00:00.120Z'],
    ['2026-11-22 10:00:00.123+00', '2026-11-22T10:00:00.123Z'],
    ['2026-11-22 23:59:59.999999+00', '2026-11-22T23:59:59.999Z'],
    ['2020-02-29 00:00:00.000001+00', '2020-02-29T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(isoFromPg(text)).toBe(iso);
  });

  it('agrees with the Date that pg would have parsed, which the API serialises', () => {
    for (const text of ['2026-03-29 01:30:15.987654+00', '1999-12-31 23:59:59+00', '2026-11-22 07:05:03.04+00']) {
      const parsed = new Date(`${text.replace(' ', 'T').slice(0, -3)}Z`);
      expect(isoFromPg(text)).toBe(parsed.toISOString());
    }
  });
});
