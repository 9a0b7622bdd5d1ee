import { JobName } from '../queues/queue-names';
import { BOOKING_SCHEDULES, bookingJobId } from './booking-jobs';

describe('the bookings schedules', () => {
  it('run the expiry and the re-seat sweep every 5 minutes and the stay notices every minute', () => {
    expect(BOOKING_SCHEDULES.map(({ name, cron }) => [name, cron])).toEqual([
      [JobName.ExpireNoShows, '*/5 * * * *'],
      [JobName.ReseatAhead, '*/5 * * * *'],
      [JobName.StayNotices, '* * * * *'],
    ]);
  });

  it('name the nearest slot, so a tick a little early or late still names its own', () => {
    const slot = 'expire-no-shows:2026-11-22T10:05:00.000Z';
    expect(bookingJobId(JobName.ExpireNoShows, new Date('2026-11-22T10:05:00.000Z'))).toBe(slot);
    expect(bookingJobId(JobName.ExpireNoShows, new Date('2026-11-22T10:04:59.990Z'))).toBe(slot);
    expect(bookingJobId(JobName.ExpireNoShows, new Date('2026-11-22T10:06:10.000Z'))).toBe(slot);
    expect(bookingJobId(JobName.ExpireNoShows, new Date('2026-11-22T10:07:31.000Z'))).toBe('expire-no-shows:2026-11-22T10:10:00.000Z');
    expect(bookingJobId(JobName.StayNotices, new Date('2026-11-22T10:07:31.000Z'))).toBe('stay-notices:2026-11-22T10:08:00.000Z');
  });
});
