import { InvalidTariffError, priceStay, rateAt, StayPrice } from './price-stay';
import { ALL_WEEKDAYS, IsoWeekday, oneBandTariff, Tariff } from './tariff';

/** Hand-computed prices (R-TARIFF-3): the arithmetic is written next to each. */

const at = (iso: string) => new Date(iso);
const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];
const WEEKEND: IsoWeekday[] = [6, 7];

type BandRow = [days: IsoWeekday[], from: string, to: string, ratePerHourCents: number];
const tariff = (timeZone: string, rows: BandRow[], rules: Partial<Tariff> = {}): Tariff => ({
  timeZone,
  bands: rows.map(([days, from, to, ratePerHourCents]) => ({ days, from, to, ratePerHourCents })),
  graceMinutes: 0,
  incrementMinutes: 1,
  firstPeriod: null,
  dailyMaxCents: null,
  ...rules,
});

/** An expected window: [from, to, minutes, rate] per segment. */
const window = (from: string, to: string, billedMinutes: number, cents: number, segments: Array<[string, string, number, number]>, capped = false) => ({
  from,
  to,
  billedMinutes,
  cents,
  capped,
  segments,
});

const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
/** The breakdown with instants as ISO strings: [from, to, minutes, rate] per segment. */
const windowsOf = (price: StayPrice) =>
  price.windows.map((window) => ({
    from: iso(window.from),
    to: iso(window.to),
    billedMinutes: window.billedMinutes,
    cents: window.cents,
    capped: window.capped,
    segments: window.segments.map((segment) => [iso(segment.from), iso(segment.to), segment.minutes, segment.ratePerHourCents]),
  }));

describe('priceStay across daylight-saving changes', () => {
  // Every day: 00:00–02:30 at 300, 02:30–08:00 at 120, 08:00–20:00 at 600, 20:00–24:00 at 240.
  const berlin = tariff('Europe/Berlin', [
    [ALL_WEEKDAYS, '00:00', '02:30', 300],
    [ALL_WEEKDAYS, '02:30', '08:00', 120],
    [ALL_WEEKDAYS, '08:00', '20:00', 600],
    [ALL_WEEKDAYS, '20:00', '24:00', 240],
  ]);

  it('Europe/Berlin spring forward: a 23-hour Sunday, the 02:30 edge never reached', () => {
    // Sun 2026-03-29 00:00 CET (23:00Z) to Mon 00:00 CEST (22:00Z): 23 h = 1380 min, one window.
    // Clocks jump 02:00 CET → 03:00 CEST at 01:00Z, so local 02:00–03:00 (and the 02:30 edge) never happens:
    //   00:00–02:00 CET   23:00Z–01:00Z  120 min × 300 =  36,000
    //   03:00–08:00 CEST  01:00Z–06:00Z  300 min × 120 =  36,000
    //   08:00–20:00       06:00Z–18:00Z  720 min × 600 = 432,000
    //   20:00–24:00       18:00Z–22:00Z  240 min × 240 =  57,600
    //   Σ 561,600 cent-minutes per hour / 60 = 9,360 cents exactly.
    const price = priceStay(berlin, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'));
    expect(price).toMatchObject({ totalCents: 9360, minutes: 1380, billedMinutes: 1380, graceApplied: false, firstPeriodCents: 0 });
    expect(windowsOf(price)).toEqual([
      window('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 1380, 9360, [
        ['2026-03-28T23:00:00Z', '2026-03-29T01:00:00Z', 120, 300],
        ['2026-03-29T01:00:00Z', '2026-03-29T06:00:00Z', 300, 120],
        ['2026-03-29T06:00:00Z', '2026-03-29T18:00:00Z', 720, 600],
        ['2026-03-29T18:00:00Z', '2026-03-29T22:00:00Z', 240, 240],
      ]),
    ]);
  });

  it('Europe/Berlin fall back: a 25-hour Sunday prices the repeated hour by its bands twice', () => {
    // Sun 2026-10-25 00:00 CEST (Sat 22:00Z) to Mon 00:00 CET (23:00Z): 25 h = 1500 min, windows of 1440 + 60.
    // Clocks go back 03:00 CEST → 02:00 CET at 01:00Z, so local 02:00–03:00 happens twice:
    //   00:00–02:30 CEST  22:00Z–00:30Z  150 min × 300
    //   02:30–03:00 CEST  00:30Z–01:00Z   30 min × 120
    //   02:00–02:30 CET   01:00Z–01:30Z   30 min × 300   (the repeated hour)
    //   02:30–08:00 CET   01:30Z–07:00Z  330 min × 120
    //   08:00–20:00 CET   07:00Z–19:00Z  720 min × 600
    //   20:00–23:00 CET   19:00Z–22:00Z  180 min × 240   (window 0 ends at s + 1440 min = 22:00Z)
    //   window 0: 180 × 300 + 360 × 120 + 720 × 600 + 180 × 240 = 54,000 + 43,200 + 432,000 + 43,200
    //             = 572,400 / 60 = 9,540
    //   window 1: 23:00–24:00 CET, 22:00Z–23:00Z, 60 min × 240 = 14,400 / 60 = 240
    //   total 9,780.
    const price = priceStay(berlin, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'));
    expect(price).toMatchObject({ totalCents: 9780, minutes: 1500, billedMinutes: 1500 });
    expect(windowsOf(price)).toEqual([
      window('2026-10-24T22:00:00Z', '2026-10-25T22:00:00Z', 1440, 9540, [
        ['2026-10-24T22:00:00Z', '2026-10-25T00:30:00Z', 150, 300],
        ['2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z', 30, 120],
        ['2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z', 30, 300],
        ['2026-10-25T01:30:00Z', '2026-10-25T07:00:00Z', 330, 120],
        ['2026-10-25T07:00:00Z', '2026-10-25T19:00:00Z', 720, 600],
        ['2026-10-25T19:00:00Z', '2026-10-25T22:00:00Z', 180, 240],
      ]),
      window('2026-10-25T22:00:00Z', '2026-10-25T23:00:00Z', 60, 240, [['2026-10-25T22:00:00Z', '2026-10-25T23:00:00Z', 60, 240]]),
    ]);
  });

  it('prices a minute that starts just before the clocks jump by its local time before the jump', () => {
    // 00:58:30Z (01:58:30 CET) to 01:01:00Z: 2.5 min → m = 3.
    //   minute 0 starts 00:58:30Z = 01:58:30 CET  → 300
    //   minute 1 starts 00:59:30Z = 01:59:30 CET  → 300 (its last 30 s are after the jump, 03:00 CEST)
    //   minute 2 starts 01:00:30Z = 03:00:30 CEST → 120
    //   Σ 720 / 60 = 12.
    const price = priceStay(berlin, at('2026-03-29T00:58:30Z'), at('2026-03-29T01:01:00Z'));
    expect(price.totalCents).toBe(12);
    expect(windowsOf(price)[0].segments).toEqual([
      ['2026-03-29T00:58:30Z', '2026-03-29T01:00:30Z', 2, 300],
      ['2026-03-29T01:00:30Z', '2026-03-29T01:01:30Z', 1, 120],
    ]);
  });

  // Sundays: 00:00–01:30 at 95, 01:30–07:00 at 30, 07:00–24:00 at 150; Monday to Saturday 500 all day.
  const newYork = tariff('America/New_York', [
    [[7], '00:00', '01:30', 95],
    [[7], '01:30', '07:00', 30],
    [[7], '07:00', '24:00', 150],
    [[1, 2, 3, 4, 5, 6], '00:00', '24:00', 500],
  ]);

  it('America/New_York spring forward: 23 hours, a half cent rounded up', () => {
    // Sun 2026-03-08 00:00 EST (05:00Z) to Mon 00:00 EDT (04:00Z): 1380 min. 02:00 EST → 03:00 EDT at 07:00Z.
    //   00:00–01:30 EST                      05:00Z–06:30Z   90 min × 95  =   8,550
    //   01:30–02:00 EST, then 03:00–07:00 EDT 06:30Z–11:00Z  270 min × 30  =   8,100 (one rate: one segment)
    //   07:00–24:00 EDT                      11:00Z–04:00Z 1020 min × 150 = 153,000
    //   Σ 169,650 / 60 = 2,827.5 → half up: 2,828.
    const price = priceStay(newYork, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'));
    expect(price.totalCents).toBe(2828);
    expect(windowsOf(price)[0].segments).toEqual([
      ['2026-03-08T05:00:00Z', '2026-03-08T06:30:00Z', 90, 95],
      ['2026-03-08T06:30:00Z', '2026-03-08T11:00:00Z', 270, 30],
      ['2026-03-08T11:00:00Z', '2026-03-09T04:00:00Z', 1020, 150],
    ]);
  });

  it('America/New_York fall back: 25 hours, the 01:30 edge crossed twice', () => {
    // Sun 2026-11-01 00:00 EDT (04:00Z) to Mon 00:00 EST (05:00Z): 1500 min. 02:00 EDT → 01:00 EST at 06:00Z.
    //   00:00–01:30 EDT  04:00Z–05:30Z   90 min × 95
    //   01:30–02:00 EDT  05:30Z–06:00Z   30 min × 30
    //   01:00–01:30 EST  06:00Z–06:30Z   30 min × 95   (repeated)
    //   01:30–07:00 EST  06:30Z–12:00Z  330 min × 30
    //   07:00–23:00 EST  12:00Z–04:00Z  960 min × 150  (window 0 ends at 04:00Z on Monday)
    //   window 0: 120 × 95 + 360 × 30 + 960 × 150 = 11,400 + 10,800 + 144,000 = 166,200 / 60 = 2,770
    //   window 1: 23:00–24:00 EST, 60 min × 150 = 9,000 / 60 = 150; total 2,920.
    const price = priceStay(newYork, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'));
    expect(price.totalCents).toBe(2920);
    expect(windowsOf(price).map((window) => [window.cents, window.billedMinutes, window.segments])).toEqual([
      [
        2770,
        1440,
        [
          ['2026-11-01T04:00:00Z', '2026-11-01T05:30:00Z', 90, 95],
          ['2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', 30, 30],
          ['2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z', 30, 95],
          ['2026-11-01T06:30:00Z', '2026-11-01T12:00:00Z', 330, 30],
          ['2026-11-01T12:00:00Z', '2026-11-02T04:00:00Z', 960, 150],
        ],
      ],
      [150, 60, [['2026-11-02T04:00:00Z', '2026-11-02T05:00:00Z', 60, 150]]],
    ]);
  });

  it('Asia/Kolkata (+05:30): local 09:00 is 03:30Z, and a minute starting 30 s before it is a night minute', () => {
    // Day 09:00–21:00 at 3,000, night at 1,000; step 15. 03:00:30Z (08:30:30 IST) to 04:15:00Z (09:45 IST):
    // 74.5 min → m = 75, B = ceil(75 / 15) × 15 = 75. Minute i starts at 08:30:30 + i min local:
    //   i = 0..29 start 08:30:30–08:59:30 → night: 30 × 1,000 =  30,000 (i = 29 runs 30 s into the day band)
    //   i = 30..74 start 09:00:30–09:44:30 → day:  45 × 3,000 = 135,000
    //   Σ 165,000 / 60 = 2,750. The window ends with the billed minutes: 03:00:30Z + 75 min = 04:15:30Z.
    const kolkata = tariff(
      'Asia/Kolkata',
      [
        [ALL_WEEKDAYS, '00:00', '09:00', 1000],
        [ALL_WEEKDAYS, '09:00', '21:00', 3000],
        [ALL_WEEKDAYS, '21:00', '24:00', 1000],
      ],
      { incrementMinutes: 15 },
    );
    const price = priceStay(kolkata, at('2026-06-10T03:00:30Z'), at('2026-06-10T04:15:00Z'));
    expect(price).toMatchObject({ totalCents: 2750, minutes: 75, billedMinutes: 75 });
    expect(windowsOf(price)).toEqual([
      window('2026-06-10T03:00:30Z', '2026-06-10T04:15:30Z', 75, 2750, [
        ['2026-06-10T03:00:30Z', '2026-06-10T03:30:30Z', 30, 1000],
        ['2026-06-10T03:30:30Z', '2026-06-10T04:15:30Z', 45, 3000],
      ]),
    ]);
  });

  // Lord Howe moves its clocks by 30 minutes at 02:00 local. Two bands a day, split at `edge`.
  it.each([
    {
      change: 'spring forward: the 02:15 edge is never reached',
      // 00:00–02:15 at 120, 02:15–24:00 at 600. On Sun 2026-10-04 clocks go 02:00 (+10:30) → 02:30 (+11:00)
      // at 15:30Z. 01:00 local (14:30Z) to 04:00 local (17:00Z): 150 real minutes.
      //   01:00–02:00 +10:30  14:30Z–15:30Z  60 min × 120 =  7,200
      //   02:30–04:00 +11:00  15:30Z–17:00Z  90 min × 600 = 54,000
      //   Σ 61,200 / 60 = 1,020 (a fixed +10:30 would give 75 × 120 + 75 × 600 → 900).
      edge: '02:15',
      rates: [120, 600],
      stay: ['2026-10-03T14:30:00Z', '2026-10-03T17:00:00Z'],
      totalCents: 1020,
      segments: [
        ['2026-10-03T14:30:00Z', '2026-10-03T15:30:00Z', 60, 120],
        ['2026-10-03T15:30:00Z', '2026-10-03T17:00:00Z', 90, 600],
      ],
    },
    {
      change: 'fall back: local 01:30–02:00 twice',
      // 00:00–01:45 at 200, 01:45–24:00 at 500. On Sun 2026-04-05 clocks go 02:00 (+11:00) → 01:30 (+10:30) at
      // 15:00Z. 01:00 local (14:00Z) to 03:00 local (16:30Z): 150 real minutes.
      //   01:00–01:45 +11:00  14:00Z–14:45Z  45 min × 200
      //   01:45–02:00 +11:00  14:45Z–15:00Z  15 min × 500
      //   01:30–01:45 +10:30  15:00Z–15:15Z  15 min × 200   (repeated)
      //   01:45–03:00 +10:30  15:15Z–16:30Z  75 min × 500
      //   Σ 60 × 200 + 90 × 500 = 12,000 + 45,000 = 57,000 / 60 = 950.
      edge: '01:45',
      rates: [200, 500],
      stay: ['2026-04-04T14:00:00Z', '2026-04-04T16:30:00Z'],
      totalCents: 950,
      segments: [
        ['2026-04-04T14:00:00Z', '2026-04-04T14:45:00Z', 45, 200],
        ['2026-04-04T14:45:00Z', '2026-04-04T15:00:00Z', 15, 500],
        ['2026-04-04T15:00:00Z', '2026-04-04T15:15:00Z', 15, 200],
        ['2026-04-04T15:15:00Z', '2026-04-04T16:30:00Z', 75, 500],
      ],
    },
  ])('Australia/Lord_Howe, 30 minutes $change', ({ edge, rates, stay, totalCents, segments }) => {
    const lordHowe = tariff('Australia/Lord_Howe', [
      [ALL_WEEKDAYS, '00:00', edge, rates[0]],
      [ALL_WEEKDAYS, edge, '24:00', rates[1]],
    ]);
    const price = priceStay(lordHowe, at(stay[0]), at(stay[1]));
    expect(price.totalCents).toBe(totalCents);
    expect(windowsOf(price)[0].segments).toEqual(segments);
  });
});

describe('priceStay: band edges, grace, steps, caps and the first period', () => {
  // UTC, every day: 00:00–08:00 at 60, 08:00–24:00 at 600.
  const earlyAndLate = tariff('UTC', [
    [ALL_WEEKDAYS, '00:00', '08:00', 60],
    [ALL_WEEKDAYS, '08:00', '24:00', 600],
  ]);

  it('prices a minute by the band its start is in, even when most of it lies in the next band', () => {
    // 07:59:59Z to 08:01:00Z: 61 s → m = 2. Minute 0 starts 07:59:59 (59 s of it after 08:00) → 60;
    // minute 1 starts 08:00:59 → 600. Σ 660 / 60 = 11.
    const price = priceStay(earlyAndLate, at('2026-05-04T07:59:59Z'), at('2026-05-04T08:01:00Z'));
    expect(price.totalCents).toBe(11);
    expect(windowsOf(price)[0].segments).toEqual([
      ['2026-05-04T07:59:59Z', '2026-05-04T08:00:59Z', 1, 60],
      ['2026-05-04T08:00:59Z', '2026-05-04T08:01:59Z', 1, 600],
    ]);
  });

  describe('grace', () => {
    const withGrace = { ...oneBandTariff(600, 'UTC'), graceMinutes: 10 };
    const start = at('2026-05-04T10:00:00Z');

    it('is free, with no windows, when m equals the grace period', () => {
      // 10:00 → 10:10: m = 10 ≤ 10.
      expect(priceStay(withGrace, start, at('2026-05-04T10:10:00Z'))).toEqual({
        totalCents: 0,
        minutes: 10,
        billedMinutes: 0,
        graceApplied: true,
        firstPeriodCents: 0,
        windows: [],
      });
    });

    it.each([
      ['one minute more', '2026-05-04T10:11:00Z'],
      ['one millisecond more (a started minute)', '2026-05-04T10:10:00.001Z'],
    ])('charges every minute, grace included, when missed by %s', (_, end) => {
      // m = 11 > 10: all 11 minutes are billed, 11 × 600 = 6,600 / 60 = 110.
      const price = priceStay(withGrace, start, at(end));
      expect(price).toMatchObject({ totalCents: 110, minutes: 11, billedMinutes: 11, graceApplied: false });
    });
  });

  it('rounds up to the billing step across a band edge, the step minutes priced by the later band', () => {
    // 00:00–12:00 at 600, 12:00–24:00 at 1,200; step 15. 11:50 → 12:02: m = 12, B = 15.
    //   11:50–12:00  10 min × 600   =  6,000
    //   12:00–12:05   5 min × 1,200 =  6,000
    //   Σ 12,000 / 60 = 200 (with step 1 it would be 10 × 600 + 2 × 1,200 = 8,400 / 60 = 140).
    const stepped = tariff(
      'UTC',
      [
        [ALL_WEEKDAYS, '00:00', '12:00', 600],
        [ALL_WEEKDAYS, '12:00', '24:00', 1200],
      ],
      { incrementMinutes: 15 },
    );
    const price = priceStay(stepped, at('2026-05-04T11:50:00Z'), at('2026-05-04T12:02:00Z'));
    expect(price).toMatchObject({ totalCents: 200, minutes: 12, billedMinutes: 15 });
    expect(windowsOf(price)).toEqual([
      window('2026-05-04T11:50:00Z', '2026-05-04T12:05:00Z', 15, 200, [
        ['2026-05-04T11:50:00Z', '2026-05-04T12:00:00Z', 10, 600],
        ['2026-05-04T12:00:00Z', '2026-05-04T12:05:00Z', 5, 1200],
      ]),
    ]);
  });

  it('caps the second window but not the first', () => {
    // UTC; Monday–Saturday 08:00–20:00 at 600, their nights and all of Sunday at 100; daily maximum 6,000.
    // Sat 2026-11-21 20:00 → Mon 2026-11-23 20:00: two full windows.
    //   window 0, Sat 20:00 → Sun 20:00: 1440 min × 100 = 144,000 / 60 = 2,400 (under the cap)
    //   window 1, Sun 20:00 → Mon 08:00: 720 × 100; Mon 08:00 → 20:00: 720 × 600
    //             = 72,000 + 432,000 = 504,000 / 60 = 8,400 → capped at 6,000
    //   total 8,400.
    const capped = tariff(
      'UTC',
      [
        [[1, 2, 3, 4, 5, 6], '00:00', '08:00', 100],
        [[1, 2, 3, 4, 5, 6], '08:00', '20:00', 600],
        [[1, 2, 3, 4, 5, 6], '20:00', '24:00', 100],
        [[7], '00:00', '24:00', 100],
      ],
      { dailyMaxCents: 6000 },
    );
    const price = priceStay(capped, at('2026-11-21T20:00:00Z'), at('2026-11-23T20:00:00Z'));
    expect(price.totalCents).toBe(8400);
    expect(windowsOf(price)).toEqual([
      window('2026-11-21T20:00:00Z', '2026-11-22T20:00:00Z', 1440, 2400, [['2026-11-21T20:00:00Z', '2026-11-22T20:00:00Z', 1440, 100]]),
      window('2026-11-22T20:00:00Z', '2026-11-23T20:00:00Z', 1440, 6000, [
        ['2026-11-22T20:00:00Z', '2026-11-23T08:00:00Z', 720, 100],
        ['2026-11-23T08:00:00Z', '2026-11-23T20:00:00Z', 720, 600],
      ], true),
    ]);
  });

  describe('first period', () => {
    const firstTwoHours = { ...oneBandTariff(600, 'UTC'), firstPeriod: { minutes: 120, cents: 500 } };
    const start = at('2026-05-04T10:00:00Z');

    it('costs its flat price when the stay is shorter than it', () => {
      // 45 min 30 s → m = 46 = B, all inside the 120-minute first period: 500, no band-priced minute.
      const price = priceStay(firstTwoHours, start, at('2026-05-04T10:45:30Z'));
      expect(price).toMatchObject({ totalCents: 500, minutes: 46, billedMinutes: 46, firstPeriodCents: 500 });
      expect(windowsOf(price)).toEqual([window('2026-05-04T10:00:00Z', '2026-05-04T10:46:00Z', 46, 500, [])]);
    });

    it('is followed by band-priced minutes', () => {
      // 130 min: 500 + 10 × 600 / 60 = 500 + 100 = 600; the segment starts when the first period ends.
      const price = priceStay(firstTwoHours, start, at('2026-05-04T12:10:00Z'));
      expect(price.totalCents).toBe(600);
      expect(windowsOf(price)[0]).toMatchObject({ billedMinutes: 130, segments: [['2026-05-04T12:00:00Z', '2026-05-04T12:10:00Z', 10, 600]] });
    });

    it('counts within window 0 under its cap', () => {
      // 500 flat > daily maximum 400 → window 0 costs 400.
      const price = priceStay({ ...firstTwoHours, dailyMaxCents: 400 }, start, at('2026-05-04T10:45:30Z'));
      expect(price).toMatchObject({ totalCents: 400, firstPeriodCents: 500 });
      expect(price.windows[0]).toMatchObject({ cents: 400, capped: true });
    });
  });

  it('counts at least one minute, also for an end before the start (R-PRICE-2)', () => {
    const price = priceStay(oneBandTariff(600, 'UTC'), at('2026-05-04T10:00:00Z'), at('2026-05-04T09:00:00Z'));
    expect(price).toMatchObject({ totalCents: 10, minutes: 1, billedMinutes: 1 });
  });

  it('opens a second window on minute 1441', () => {
    const start = at('2026-05-04T10:00:00Z');
    expect(priceStay(earlyAndLate, start, at('2026-05-05T10:00:00Z')).windows).toHaveLength(1);
    expect(priceStay(earlyAndLate, start, at('2026-05-05T10:00:00.001Z')).windows.map((window) => window.billedMinutes)).toEqual([1440, 1]);
  });
});

describe('priceStay: the one-band case is R-PRICE-2', () => {
  /** R-PRICE-2 as written: round-half-up(rate × minutes / 60), in integers. */
  const costForMinutes = (rate: number, minutes: number) => Math.floor((2 * rate * minutes + 60) / 120);

  it.each([[600, 60, 600], [100, 1, 2], [90, 1, 2], [30, 1, 1], [29, 1, 0], [1_000_000, 10_080, 168_000_000]])('R-PRICE-2: rate %i for %i min costs %i', (rate, minutes, cents) => {
    expect(costForMinutes(rate, minutes)).toBe(cents);
  });

  it.each([1, 29, 30, 90, 100, 599, 1_000_000])('rate %i gives R-PRICE-2 for every minute count 1..1,000, across a DST change', (rate) => {
    // Starts 17.5 s into a Berlin minute 42 minutes before the spring-forward change (01:00Z).
    const oneBand = oneBandTariff(rate, 'Europe/Berlin');
    const start = at('2026-03-29T00:17:42.500Z').getTime();
    for (let minutes = 1; minutes <= 1000; minutes++) {
      const justUnder = priceStay(oneBand, new Date(start), new Date(start + minutes * 60_000 - 250)).totalCents;
      const exact = priceStay(oneBand, new Date(start), new Date(start + minutes * 60_000)).totalCents;
      expect([minutes, justUnder, exact]).toEqual([minutes, costForMinutes(rate, minutes), costForMinutes(rate, minutes)]);
    }
  });
});

describe('the worked example of docs/PRICING.md', () => {
  it('prices a Friday evening to Saturday night stay in Berlin', () => {
    // See docs/PRICING.md for the arithmetic: first period 250; window 0: 20 × 300 + 240 × 100 + 1120 × 155
    // = 203,600 / 60 = 3,393.3 → 3,393 + 250 = 3,643 → capped at 2,000; window 1: 150 × 155 = 23,250 / 60
    // = 387.5 → 388; total 2,388.
    const berlinGarage = tariff(
      'Europe/Berlin',
      [
        [WEEKDAYS, '00:00', '08:00', 100],
        [WEEKDAYS, '08:00', '20:00', 300],
        [WEEKDAYS, '20:00', '24:00', 100],
        [WEEKEND, '00:00', '24:00', 155],
      ],
      { graceMinutes: 10, incrementMinutes: 15, firstPeriod: { minutes: 60, cents: 250 }, dailyMaxCents: 2000 },
    );
    const price = priceStay(berlinGarage, at('2026-11-20T17:40:20Z'), at('2026-11-21T20:02:05Z'));
    expect(price).toMatchObject({ totalCents: 2388, minutes: 1582, billedMinutes: 1590, graceApplied: false, firstPeriodCents: 250 });
    expect(windowsOf(price)).toEqual([
      window('2026-11-20T17:40:20Z', '2026-11-21T17:40:20Z', 1440, 2000, [
        ['2026-11-20T18:40:20Z', '2026-11-20T19:00:20Z', 20, 300],
        ['2026-11-20T19:00:20Z', '2026-11-20T23:00:20Z', 240, 100],
        ['2026-11-20T23:00:20Z', '2026-11-21T17:40:20Z', 1120, 155],
      ], true),
      window('2026-11-21T17:40:20Z', '2026-11-21T20:10:20Z', 150, 388, [['2026-11-21T17:40:20Z', '2026-11-21T20:10:20Z', 150, 155]]),
    ]);
  });
});

describe('rateAt', () => {
  const berlin = tariff('Europe/Berlin', [
    [ALL_WEEKDAYS, '00:00', '02:30', 300],
    [ALL_WEEKDAYS, '02:30', '24:00', 120],
  ]);

  it('reads the band of the local time, across the spring-forward jump', () => {
    expect(rateAt(berlin, at('2026-03-29T00:59:59Z'))).toBe(300); // 01:59:59 CET
    expect(rateAt(berlin, at('2026-03-29T01:00:00Z'))).toBe(120); // 03:00 CEST
    expect(rateAt(berlin, at('2026-07-01T00:29:59Z'))).toBe(300); // 02:29:59 CEST
    expect(rateAt(berlin, at('2026-07-01T00:30:00Z'))).toBe(120); // 02:30 CEST
  });

  it('reads weekday bands by the local weekday', () => {
    const weekend = tariff('Asia/Kathmandu', [
      [WEEKDAYS, '00:00', '24:00', 500],
      [WEEKEND, '00:00', '24:00', 0],
    ]);
    // Friday 2026-11-20 18:14:59Z is Friday 23:59:59 in Kathmandu (+05:45); 18:15Z is Saturday 00:00.
    expect(rateAt(weekend, at('2026-11-20T18:14:59Z'))).toBe(500);
    expect(rateAt(weekend, at('2026-11-20T18:15:00Z'))).toBe(0);
  });
});

describe('a tariff with problems', () => {
  it('is refused with its problems instead of priced', () => {
    const gappy = tariff('UTC', [[ALL_WEEKDAYS, '00:00', '23:00', 100]]);
    expect(() => priceStay(gappy, at('2026-05-04T10:00:00Z'), at('2026-05-04T11:00:00Z'))).toThrow(InvalidTariffError);
    expect(() => rateAt(gappy, at('2026-05-04T10:00:00Z'))).toThrow('Gap: Monday 23:00–24:00');
    expect(() => priceStay({ ...oneBandTariff(100, 'Nowhere/Special'), graceMinutes: 500 }, at('2026-05-04T10:00:00Z'), at('2026-05-04T11:00:00Z'))).toThrow(
      /Time zone "Nowhere\/Special".*Grace period/,
    );
  });
});
