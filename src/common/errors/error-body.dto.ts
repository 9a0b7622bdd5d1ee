import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CATALOGUE } from './error-codes';

/** One invalid input field of a VALIDATION_FAILED error. */
export class FieldErrorDto {
  @ApiProperty({ description: 'The field, dotted for nested ones (`window.startAt`); `id` for a path id', example: 'email' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it, one sentence each', type: [String], example: ['email must be an email'] })
  errors: string[];
}

/** The body of every error response (R-ERR-1). */
export class ErrorBodyDto {
  @ApiProperty({ description: 'HTTP status code, repeated in the body', type: 'integer', example: 409 })
  statusCode: number;

  @ApiProperty({ description: 'Stable machine-readable error code', enum: Object.keys(ERROR_CATALOGUE), example: 'LOT_FULL' })
  code: string;

  @ApiProperty({ description: 'Human-readable explanation, safe to show to the user' })
  message: string;

  @ApiPropertyOptional({
    description:
      'Extra facts about the error: for VALIDATION_FAILED the invalid fields; otherwise an object whose fields depend on ' +
      'the code (RATE_LIMITED: `retryAfterSeconds`; EXPORT_NOT_READY: `state`; LOT_FULL: `nextFreeAt`; ' +
      'EMAIL_NOT_VERIFIED: `email`, the address the verification code goes to)',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldErrorDto) } }, { type: 'object', additionalProperties: true }],
  })
  details?: FieldErrorDto[] | Record<string, unknown>;
}
