import { HttpStatus } from '@nestjs/common';

/**
 * Every error code the API returns, with its HTTP status and default message. The codes are part of the
 * contract (SPEC.md R-ERR-1); clients switch on `code`, never on `message`.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, message: 'The request is invalid' },
  MALFORMED_JSON: { status: HttpStatus.BAD_REQUEST, message: 'The request body is not valid JSON' },
  UNAUTHORIZED: { status: HttpStatus.UNAUTHORIZED, message: 'Authentication is required' },
  INVALID_CREDENTIALS: { status: HttpStatus.UNAUTHORIZED, message: 'The login or password is wrong' },
  INVALID_REFRESH_TOKEN: { status: HttpStatus.UNAUTHORIZED, message: 'The refresh token is invalid or expired' },
  REFRESH_TOKEN_REUSED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'The refresh token was already used; every session of this sign-in has been revoked',
  },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, message: 'You are not allowed to do this' },
  EMAIL_NOT_VERIFIED: { status: HttpStatus.FORBIDDEN, message: 'Verify your e-mail address before logging in' },
  ACCOUNT_DISABLED: { status: HttpStatus.FORBIDDEN, message: 'This account has been deactivated' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Not found' },
  ROUTE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'No such route' },
  EMAIL_TAKEN: { status: HttpStatus.CONFLICT, message: 'An account with this e-mail already exists' },
  USERNAME_TAKEN: { status: HttpStatus.CONFLICT, message: 'This username is taken' },
  ALREADY_VERIFIED: { status: HttpStatus.CONFLICT, message: 'This e-mail address is already verified' },
  INVALID_CODE: { status: HttpStatus.BAD_REQUEST, message: 'The code is wrong, expired or used up; ask for a new one' },
  CANNOT_DEACTIVATE_SELF: { status: HttpStatus.CONFLICT, message: 'Admins cannot deactivate their own account' },
  PAYLOAD_TOO_LARGE: { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: 'Send the body as application/json' },
  HTTP_ERROR: { status: HttpStatus.BAD_REQUEST, message: 'The request cannot be served' },
  RATE_LIMITED: { status: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many requests; try again later' },
  INTERNAL_ERROR: { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'The service is shutting down or unavailable' },
} as const satisfies Record<string, { status: HttpStatus; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
