import { overstayOf } from './overstay';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 8, 10, 0) + minutes * 60_000);

describe('overstayOf (R-OCC-2)', () => {
  it('counts an active reservation past its window in started minutes', () => {
    const stay = { endAt: at(60), mustLeaveBy: null, releasedAt: null, status: 'active' };
    expect(overstayOf(stay, at(60))).toEqual({ overstay: false, overstayMinutes: 0 });
    expect(overstayOf(stay, new Date(at(60).getTime() + 1))).toEqual({ overstay: true, overstayMinutes: 1 });
    expect(overstayOf(stay, at(75))).toEqual({ overstay: true, overstayMinutes: 15 });
  });

  it("takes a park-now booking's mustLeaveBy as its planned end, and none without one", () => {
    expect(overstayOf({ endAt: null, mustLeaveBy: at(30), releasedAt: null, status: 'active' }, at(95))).toEqual({ overstay: true, overstayMinutes: 65 });
    expect(overstayOf({ endAt: null, mustLeaveBy: null, releasedAt: null, status: 'active' }, at(10_000))).toEqual({ overstay: false, overstayMinutes: 0 });
  });

  it('keeps the overstay of a released booking at its release, and counts none for a reservation not checked in', () => {
    expect(overstayOf({ endAt: at(60), mustLeaveBy: null, releasedAt: at(90), status: 'completed' }, at(500))).toEqual({ overstay: true, overstayMinutes: 30 });
    expect(overstayOf({ endAt: at(60), mustLeaveBy: null, releasedAt: at(45), status: 'completed' }, at(500))).toEqual({ overstay: false, overstayMinutes: 0 });
    expect(overstayOf({ endAt: at(60), mustLeaveBy: null, releasedAt: null, status: 'reserved' }, at(90))).toEqual({ overstay: false, overstayMinutes: 0 });
    expect(overstayOf({ endAt: at(60), mustLeaveBy: null, releasedAt: null, status: 'expired' }, at(90))).toEqual({ overstay: false, overstayMinutes: 0 });
  });
});
