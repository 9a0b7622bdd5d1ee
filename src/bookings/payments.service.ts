import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppCacheService } from '../cache/app-cache.service';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { isViolationOf, PG } from '../database/pg-errors';
import { BookingsRepository } from './bookings.repository';
import { PaymentDto } from './dto/bookings.dto';
import { BookingStatus } from './entities/booking.entity';
import { Payment, PaymentMethod } from './entities/payment.entity';

/** R-PAY-1: a ledger of payments; one per booking, guaranteed by the unique booking id. */
@Injectable()
export class PaymentsService {
  private readonly currency: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly cache: AppCacheService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.currency = config.get('app', { infer: true }).currency;
  }

  async pay(user: AuthUser, bookingId: string, method: PaymentMethod): Promise<PaymentDto> {
    const payment = await this.dataSource.transaction(async (manager) => {
      const booking = await this.bookings.lockBooking(manager, bookingId, user.id);
      if (!booking) throw DomainError.notFound('Booking');
      const settled = booking.status === BookingStatus.Completed || booking.status === BookingStatus.Expired;
      if (!settled || !booking.costCents) throw new DomainError('NOTHING_TO_PAY');
      try {
        return await manager.save(manager.create(Payment, { bookingId, userId: user.id, amountCents: booking.costCents, method }));
      } catch (error) {
        if (isViolationOf(error, PG.UNIQUE_VIOLATION, 'payments_booking_key')) throw new DomainError('ALREADY_PAID');
        throw error;
      }
    });
    await this.cache.invalidate('stats');
    return {
      id: payment.id,
      bookingId,
      amountCents: payment.amountCents,
      currency: this.currency,
      method: payment.method,
      createdAt: payment.createdAt.toISOString(),
    };
  }
}
