import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
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
  @ApiOkResponse({ type: ReviewPageDto, description: 'Reviews of the lot, newest first' })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  listLotReviews(@Param('id', UuidParam) id: string, @Query() query: PageQueryDto) {
    return this.reviews.forLot(id, query);
  }
}
