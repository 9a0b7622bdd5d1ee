import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { UuidParam } from '../common/validation/validators';
import { BookingsService } from './bookings.service';
import {
  BookingDto,
  BookingPageDto,
  BookingSummaryDto,
  CreateBookingDto,
  ListBookingsQueryDto,
  PayBookingDto,
  PaymentDto,
  ReviewBookingDto,
  ReviewDto,
} from './dto/bookings.dto';
import { PaymentsService } from './payments.service';
import { ReviewsService } from './reviews.service';

@ApiTags('bookings')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Unknown booking, or another driver’s' })
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: BookingDto, description: 'Park now (type instant) or reserve a window (type reserved)' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'LOT_FULL, NO_SPOT_AVAILABLE, VEHICLE_BUSY, LOT_ARCHIVED' })
  createBooking(@CurrentUser() user: AuthUser, @Body() body: CreateBookingDto) {
    return this.bookings.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: BookingPageDto, description: 'The caller’s bookings, newest first' })
  listMyBookings(@CurrentUser() user: AuthUser, @Query() query: ListBookingsQueryDto) {
    return this.bookings.list(user, query);
  }

  @Get('summary')
  @ApiOkResponse({ type: BookingSummaryDto, description: 'Outstanding balance and counts of the caller' })
  getBookingSummary(@CurrentUser() user: AuthUser) {
    return this.bookings.summary(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: BookingDto })
  getBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.get(user, id);
  }

  @Post(':id/check-in')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BookingDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'TOO_EARLY, RESERVATION_EXPIRED, BOOKING_NOT_RESERVED, VEHICLE_BUSY (the vehicle is still parked elsewhere)' })
  checkIn(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.checkIn(user, id);
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BookingDto, description: 'Completed, with its final cost' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'BOOKING_NOT_ACTIVE' })
  releaseBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.release(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BookingDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'TOO_LATE_TO_CANCEL, BOOKING_NOT_RESERVED' })
  cancelBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.cancel(user, id);
  }

  @Post(':id/payment')
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'ALREADY_PAID, NOTHING_TO_PAY' })
  payBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: PayBookingDto) {
    return this.payments.pay(user, id, body.method);
  }

  @Post(':id/review')
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'ALREADY_REVIEWED, BOOKING_NOT_COMPLETED' })
  reviewBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReviewBookingDto) {
    return this.reviews.review(user, id, body);
  }
}
