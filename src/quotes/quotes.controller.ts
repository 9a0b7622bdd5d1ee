import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { CreateQuoteDto, QuoteDto } from './dto/quotes.dto';
import { QuotesService } from './quotes.service';

/** R-QUOTE-1: the price of a stay before booking it. */
@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @ApiOperation({ summary: 'Price a stay in a lot under its current tariff, with the breakdown; valid 15 minutes to book at' })
  @ApiCreatedResponse({ type: QuoteDto })
  @ApiErrors('NOT_FOUND', 'LOT_ARCHIVED')
  createQuote(@CurrentUser() user: AuthUser, @Body() body: CreateQuoteDto) {
    return this.quotes.create(user, body);
  }
}
