import { INVALID_UTF8 } from '../validation/json-body';
import { DomainError } from './domain-error';

/** Errors raised by body-parser before any route runs carry `type` and `status`. */
export interface BodyParserError {
  type: string;
  status: number;
}

export function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

export function toDomainError(error: BodyParserError): DomainError {
  switch (error.type) {
    case 'entity.parse.failed':
      return new DomainError('MALFORMED_JSON');
    case INVALID_UTF8:
      return new DomainError('MALFORMED_JSON', 'The request body is not valid UTF-8');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return new DomainError('VALIDATION_FAILED', 'The request body cannot be read');
  }
}
