import { Process, Processor } from '@nestjs/bull';
import { JobName, QueueName } from '../queues/queue-names';
import { BookingsService } from './bookings.service';

/** The worker side of the bookings queue: each job a call to the service, retried by Bull when it fails. */
@Processor(QueueName.Bookings)
export class BookingsProcessor {
  constructor(private readonly bookings: BookingsService) {}

  @Process(JobName.ExpireNoShows)
  async expireNoShows() {
    return { expired: await this.bookings.expireNoShows() };
  }

  @Process(JobName.ReseatAhead)
  reseatAhead() {
    return this.bookings.reseatAhead();
  }

  @Process(JobName.StayNotices)
  mailStayNotices() {
    return this.bookings.mailStayNotices();
  }
}
