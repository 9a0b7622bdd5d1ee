import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { UuidParam } from '../common/validation/validators';
import { BookingsService } from './bookings.service';
import { AdminBookingPageDto, AdminListBookingsQueryDto, BookingDto, ForceReleaseDto } from './dto/bookings.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/bookings')
export class AdminBookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get()
  @ApiOkResponse({ type: AdminBookingPageDto, description: 'All bookings, newest first, with filters' })
  listAllBookings(@Query() query: AdminListBookingsQueryDto) {
    return this.bookings.listAll(query);
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BookingDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'BOOKING_NOT_ACTIVE' })
  forceReleaseBooking(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ForceReleaseDto) {
    return this.bookings.forceRelease(admin, id, body.reason);
  }
}
