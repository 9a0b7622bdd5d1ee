import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppCacheService } from '../cache/app-cache.service';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Page, PageQueryDto, toPage } from '../common/pagination';
import { isViolationOf, PG } from '../database/pg-errors';
import { BookingsRepository } from './bookings.repository';
import { ReviewBookingDto, ReviewDto } from './dto/bookings.dto';
import { BookingStatus } from './entities/booking.entity';
import { Review } from './entities/review.entity';

interface ReviewRow {
  id: string;
  booking_id: string;
  lot_id: string;
  username: string;
  rating: number;
  comment: string | null;
  created_at: Date;
}

const toDto = (row: ReviewRow): ReviewDto => ({
  id: row.id,
  bookingId: row.booking_id,
  lotId: row.lot_id,
  username: row.username,
  rating: row.rating,
  comment: row.comment,
  createdAt: row.created_at.toISOString(),
});

/** R-REV-1: one review per completed booking; lots show the average and count. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly cache: AppCacheService,
  ) {}

  async review(user: AuthUser, bookingId: string, input: ReviewBookingDto): Promise<ReviewDto> {
    const review = await this.dataSource.transaction(async (manager) => {
      const booking = await this.bookings.lockBooking(manager, bookingId, user.id);
      if (!booking) throw DomainError.notFound('Booking');
      if (booking.status !== BookingStatus.Completed) throw new DomainError('BOOKING_NOT_COMPLETED');
      try {
        return await manager.save(
          manager.create(Review, { bookingId, userId: user.id, lotId: booking.lotId, rating: input.rating, comment: input.comment ?? null }),
        );
      } catch (error) {
        if (isViolationOf(error, PG.UNIQUE_VIOLATION, 'reviews_booking_key')) throw new DomainError('ALREADY_REVIEWED');
        throw error;
      }
    });
    await this.cache.invalidateLot(review.lotId);
    const [row] = await this.dataSource.query(this.reviewsSql('r.id = $1'), [review.id]);
    return toDto(row);
  }

  /** A lot's reviews, newest first; archived lots keep theirs. */
  async forLot(lotId: string, query: PageQueryDto): Promise<Page<ReviewDto>> {
    const [lot] = await this.dataSource.query('SELECT 1 FROM lots WHERE id = $1', [lotId]);
    if (!lot) throw DomainError.notFound('Lot');
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${this.reviewsSql('r.lot_id = $1')} ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`, [lotId, query.pageSize, query.offset]),
      this.dataSource.query('SELECT count(*)::int AS total FROM reviews WHERE lot_id = $1', [lotId]),
    ]);
    return toPage((rows as ReviewRow[]).map(toDto), total, query);
  }

  private reviewsSql(where: string): string {
    return `SELECT r.id, r.booking_id, r.lot_id, u.username, r.rating, r.comment, r.created_at
            FROM reviews r JOIN users u ON u.id = r.user_id WHERE ${where}`;
  }
}
