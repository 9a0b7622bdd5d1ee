import { BookingDto } from '../../api/models';
import { parkedBooking, releasedBooking } from '../../../testing/api-fixtures';
import { billableMinutes, startedMinutes } from '../../shared/time/duration';
import { costForMinutes, explainCost, stayOf } from './booking-cost';

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 10, 22, 9, 0) + minutes * 60_000).toISOString();

/** A park-now stay of 2 h 15 min at 2.50 an hour: 562.5 cents, rounded half up. */
const parked = releasedBooking;

/** A reservation 10:00–12:00 at 6.00 an hour, checked in at 9:55. */
const reservation: BookingDto = {
  ...parkedBooking,
  type: 'reserved',
  status: 'completed',
  startAt: at(60),
  endAt: at(180),
  checkedInAt: at(55),
  estimatedCostCents: 1200,
};

describe('booking cost (the rules of src/bookings/pricing.ts)', () => {
  it('counts started minutes and rounds cents half up, as the API does (R-PRICE-2)', () => {
    expect(billableMinutes(at(0), at(0))).toBe(0);
    expect(billableMinutes(at(0), new Date(Date.parse(at(0)) + 1))).toBe(1);
    expect(billableMinutes(at(0), at(75))).toBe(75);
    expect(billableMinutes(at(10), at(0))).toBe(0);
    expect(costForMinutes(100, 75)).toBe(125); // 1.25, as in the API's tests
    expect(costForMinutes(250, 135)).toBe(563); // 562.5 → 563
    expect(costForMinutes(600, 1)).toBe(10);
    expect(costForMinutes(100, 1)).toBe(2); // 1.67 → 2
  });

  it('counts a stay in its first seconds as one started minute, never zero', () => {
    expect(startedMinutes(at(0), Date.parse(at(0)) + 10_000)).toBe(1);
    expect(startedMinutes(at(0), at(0))).toBe(1);
    expect(startedMinutes(at(0), Date.parse(at(1)) + 1)).toBe(2);
  });

  it('explains a park-now bill by its started minutes and the rate', () => {
    expect(explainCost(parked)).toBe('2 h 15 min at $2.50/h, billed per started minute = $5.63');
    expect(stayOf(parked)).toEqual({ from: parked.startAt, to: parked.releasedAt, minutes: 135 });
    // Released within its first minute: one minute is billed (R-PRICE-2: at least 1).
    const quick = { ...parked, releasedAt: parked.startAt, costCents: 4 };
    expect(explainCost(quick)).toBe('1 min at $2.50/h, billed per started minute = $0.04');
    expect(stayOf(quick)!.minutes).toBe(1);
  });

  it('explains a reservation released early: the whole window, charged in full', () => {
    const early = { ...reservation, releasedAt: at(120), costCents: 1200 };
    expect(explainCost(early)).toBe('2 h reserved window at $6.00/h, charged in full = $12.00');
    expect(stayOf(early)).toEqual({ from: at(55), to: at(120), minutes: 65 });
  });

  it('explains a reservation released late: the window plus the overstay, priced as one stay', () => {
    const late = { ...reservation, releasedAt: at(205), costCents: 1450 };
    expect(explainCost(late)).toBe(
      '2 h reserved window + 25 min overstay = 2 h 25 min at $6.00/h, billed per started minute = $14.50',
    );
  });

  it('explains an expired reservation: its window, although the car never came (R-BOOK-6)', () => {
    const expired = {
      ...reservation,
      status: 'expired' as const,
      checkedInAt: null,
      costCents: 1200,
    };
    expect(explainCost(expired)).toBe(
      '2 h reserved window at $6.00/h, charged in full although not checked in = $12.00',
    );
    expect(stayOf(expired)).toBeNull();
  });

  it('explains nothing rather than something wrong when the API priced the booking otherwise', () => {
    // An expired reservation nobody could use costs nothing (R-OCC-3).
    expect(
      explainCost({ ...reservation, status: 'expired', checkedInAt: null, costCents: 0 }),
    ).toBeNull();
    expect(explainCost({ ...parked, costCents: 999 })).toBeNull();
    expect(explainCost({ ...parked, status: 'active', releasedAt: null })).toBeNull();
    expect(explainCost({ ...reservation, status: 'cancelled', costCents: 0 })).toBeNull();
  });
});
