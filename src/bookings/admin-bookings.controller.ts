import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Role, Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
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
  @ApiOperation({ summary: 'List every booking, with filters' })
  @ApiOkResponse({ type: AdminBookingPageDto, description: 'All bookings, newest first, with filters' })
  listAllBookings(@Query() query: AdminListBookingsQueryDto) {
    return this.bookings.listAll(query);
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Force-release an active booking, with a reason' })
  @ApiOkResponse({ type: BookingDto })
  @ApiErrors('NOT_FOUND', 'BOOKING_NOT_ACTIVE')
  forceReleaseBooking(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ForceReleaseDto) {
    return this.bookings.forceRelease(admin, id, body.reason);
  }
}
