import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
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
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Park now or reserve a window' })
  @ApiCreatedResponse({ type: BookingDto, description: 'Park now (type instant) or reserve a window (type reserved)' })
  @ApiErrors('NOT_FOUND', 'LOT_ARCHIVED', 'LOT_FULL', 'NO_SPOT_AVAILABLE', 'VEHICLE_BUSY', 'BOOKING_LIMIT_REACHED', 'QUOTE_MISMATCH', 'QUOTE_EXPIRED')
  createBooking(@CurrentUser() user: AuthUser, @Body() body: CreateBookingDto) {
    return this.bookings.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'List the caller’s bookings' })
  @ApiOkResponse({ type: BookingPageDto, description: 'The caller’s bookings, newest first' })
  listMyBookings(@CurrentUser() user: AuthUser, @Query() query: ListBookingsQueryDto) {
    return this.bookings.list(user, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'The caller’s outstanding balance and booking counts' })
  @ApiOkResponse({ type: BookingSummaryDto, description: 'Outstanding balance and counts of the caller' })
  getBookingSummary(@CurrentUser() user: AuthUser) {
    return this.bookings.summary(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s bookings, with its cost so far' })
  @ApiOkResponse({ type: BookingDto })
  @ApiErrors('NOT_FOUND')
  getBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.get(user, id);
  }

  @Post(':id/check-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check in to a reservation' })
  @ApiOkResponse({ type: BookingDto })
  @ApiErrors('NOT_FOUND', 'TOO_EARLY', 'RESERVATION_EXPIRED', 'BOOKING_NOT_RESERVED', 'VEHICLE_BUSY', 'NO_SPOT_AVAILABLE', 'BOOKING_LIMIT_REACHED')
  checkIn(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.checkIn(user, id);
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Release an active booking: leave the spot and fix the cost' })
  @ApiOkResponse({ type: BookingDto, description: 'Completed, with its final cost' })
  @ApiErrors('NOT_FOUND', 'BOOKING_NOT_ACTIVE')
  releaseBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.release(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a reservation before it starts' })
  @ApiOkResponse({ type: BookingDto })
  @ApiErrors('NOT_FOUND', 'TOO_LATE_TO_CANCEL', 'BOOKING_NOT_RESERVED')
  cancelBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.bookings.cancel(user, id);
  }

  @Post(':id/payment')
  @ApiOperation({ summary: 'Pay a completed or expired booking' })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiErrors('NOT_FOUND', 'ALREADY_PAID', 'NOTHING_TO_PAY')
  payBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: PayBookingDto) {
    return this.payments.pay(user, id, body.method);
  }

  @Post(':id/review')
  @ApiOperation({ summary: 'Rate the lot of a completed booking' })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiErrors('NOT_FOUND', 'ALREADY_REVIEWED', 'BOOKING_NOT_COMPLETED')
  reviewBooking(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReviewBookingDto) {
    return this.reviews.review(user, id, body);
  }
}
