import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { PageQueryDto } from '../common/pagination';
import { UuidParam } from '../common/validation/validators';
import { ReviewPageDto } from './dto/bookings.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/reviews')
  @ApiOperation({ summary: 'Reviews of a lot' })
  @ApiOkResponse({ type: ReviewPageDto, description: 'Reviews of the lot, newest first' })
  @ApiErrors('NOT_FOUND')
  listLotReviews(@Param('id', UuidParam) id: string, @Query() query: PageQueryDto) {
    return this.reviews.forLot(id, query);
  }
}
