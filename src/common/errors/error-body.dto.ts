import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CATALOGUE } from './error-codes';

/** The body of every error response (R-ERR-1). */
export class ErrorBodyDto {
  @ApiProperty({ description: 'HTTP status code, repeated in the body', example: 409 })
  statusCode: number;

  @ApiProperty({ description: 'Stable machine-readable error code', enum: Object.keys(ERROR_CATALOGUE), example: 'LOT_FULL' })
  code: string;

  @ApiProperty({ description: 'Human-readable explanation, safe to show to the user' })
  message: string;

  @ApiPropertyOptional({
    description: 'Extra facts about the error; for VALIDATION_FAILED a list of `{field, errors}`',
    type: 'object',
    additionalProperties: true,
  })
  details?: unknown;
}
