import { AdminStatsDto } from '../app/api/models';

/** The admin's figures for three days, as GET /admin/stats answers: two lots, one archived. */
export const adminStats: AdminStatsDto = {
  currency: 'USD',
  generatedAt: '2026-11-22T10:00:00Z',
  range: {
    from: '2026-11-20',
    to: '2026-11-22',
    days: 3,
    startAt: '2026-11-20T00:00:00Z',
    endAt: '2026-11-23T00:00:00Z',
    timeZone: 'UTC',
  },
  totalRevenueCents: 1750,
  averageStayMinutes: 42,
  bookingsByStatus: { active: 1, reserved: 0, completed: 4, expired: 1, cancelled: 0 },
  bookingsPerDay: [
    { date: '2026-11-20', bookings: 1 },
    { date: '2026-11-21', bookings: 4 },
    { date: '2026-11-22', bookings: 1 },
  ],
  newUsersPerDay: [
    { date: '2026-11-20', users: 0 },
    { date: '2026-11-21', users: 2 },
    { date: '2026-11-22', users: 0 },
  ],
  revenueByLot: [
    { lotId: 'a', lotName: 'Central', archived: false, bookings: 4, revenueCents: 1500 },
    { lotId: 'b', lotName: 'Old Yard', archived: true, bookings: 1, revenueCents: 250 },
  ],
  occupancyNow: [
    {
      lotId: 'a',
      lotName: 'Central',
      capacity: 10,
      occupied: 3,
      reserved: 1,
      outOfService: 2,
      available: 4,
    },
  ],
  occupancyByHourOfWeek: [],
  topDrivers: [],
};
