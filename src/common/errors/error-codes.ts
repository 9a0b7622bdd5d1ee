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
  LOT_NAME_TAKEN: { status: HttpStatus.CONFLICT, message: 'A lot with this name already exists' },
  LOT_ARCHIVED: { status: HttpStatus.CONFLICT, message: 'This lot is archived' },
  LOT_IN_USE: { status: HttpStatus.CONFLICT, message: 'The lot has occupied spots or upcoming reservations' },
  CAPACITY_IN_USE: { status: HttpStatus.CONFLICT, message: 'Spots that would be removed have active or upcoming bookings' },
  SPOT_IN_USE: { status: HttpStatus.CONFLICT, message: 'The spot has an active or upcoming booking' },
  LOT_FULL: { status: HttpStatus.CONFLICT, message: 'No spot is free in this lot right now' },
  NO_SPOT_AVAILABLE: { status: HttpStatus.CONFLICT, message: 'No spot is free for the whole window' },
  VEHICLE_BUSY: { status: HttpStatus.CONFLICT, message: 'This vehicle already has a booking that overlaps' },
  TOO_EARLY: { status: HttpStatus.CONFLICT, message: 'Check-in opens 15 minutes before the reservation starts' },
  RESERVATION_EXPIRED: { status: HttpStatus.CONFLICT, message: 'The reservation window has ended' },
  BOOKING_NOT_ACTIVE: { status: HttpStatus.CONFLICT, message: 'Only an active booking can be released' },
  BOOKING_NOT_RESERVED: { status: HttpStatus.CONFLICT, message: 'Only a reservation that is not checked in can do this' },
  TOO_LATE_TO_CANCEL: { status: HttpStatus.CONFLICT, message: 'A reservation can only be cancelled before it starts' },
  NOTHING_TO_PAY: { status: HttpStatus.CONFLICT, message: 'Only a completed or expired booking with a cost can be paid' },
  ALREADY_PAID: { status: HttpStatus.CONFLICT, message: 'This booking is already paid' },
  BOOKING_NOT_COMPLETED: { status: HttpStatus.CONFLICT, message: 'Only a completed booking can be reviewed' },
  ALREADY_REVIEWED: { status: HttpStatus.CONFLICT, message: 'This booking is already reviewed' },
  BOOKING_LIMIT_REACHED: { status: HttpStatus.CONFLICT, message: 'You hold as many bookings of this kind as a driver may at once' },
  EXPORTS_IN_PROGRESS: { status: HttpStatus.CONFLICT, message: 'Two of your exports are still being prepared; wait for one to finish' },
  PAYLOAD_TOO_LARGE: { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: 'Send the body as application/json' },
  HTTP_ERROR: { status: HttpStatus.BAD_REQUEST, message: 'The request cannot be served' },
  RATE_LIMITED: { status: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many requests; try again later' },
  INTERNAL_ERROR: { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'The service is shutting down or unavailable' },
  QUOTE_MISMATCH: { status: HttpStatus.BAD_REQUEST, message: 'This quote is not yours, or is for another lot or window' },
  QUOTE_EXPIRED: { status: HttpStatus.CONFLICT, message: 'This quote has expired; ask for a new one' },
  EXPORT_NOT_READY: { status: HttpStatus.CONFLICT, message: 'The export is not finished yet; check its state' },
  EXPORT_EXPIRED: { status: HttpStatus.GONE, message: 'The export file has expired; request a new export' },
} as const satisfies Record<string, { status: HttpStatus; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
