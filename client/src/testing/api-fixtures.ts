import { HttpErrorResponse } from '@angular/common/http';
import { BookingDto, LotDto, TokensDto, UserDto } from '../app/api/models';

/** Test data shaped like the API's answers (the generated models keep them honest). */
export const driver: UserDto = {
  id: '7d3f8c1e-0000-4000-8000-000000000001',
  email: 'jane@example.com',
  username: 'jane',
  fullName: 'Jane Doe',
  role: 'user',
  isActive: true,
  emailVerified: true,
  createdAt: '2026-11-01T10:00:00Z',
};

export const admin: UserDto = {
  ...driver,
  id: '7d3f8c1e-0000-4000-8000-000000000002',
  role: 'admin',
  username: 'boss',
};

export const lot: LotDto = {
  id: '0b8e8f34-0000-4000-8000-0000000000aa',
  name: 'Central Garage',
  address: '1 Main Street',
  postalCode: null,
  pricePerHourCents: 250,
  timeZone: 'UTC',
  tariffVersion: 1,
  currency: 'USD',
  capacity: 20,
  available: 12,
  occupied: 6,
  reserved: 2,
  outOfService: 0,
  parkNowSpots: 10,
  overstays: 0,
  averageRating: null,
  reviewCount: 0,
  archived: false,
  archivedAt: null,
  createdAt: '2026-11-01T10:00:00Z',
};

/** A driver's park-now booking in progress at `lot`. */
export const parkedBooking: BookingDto = {
  id: 'b1',
  userId: driver.id,
  lotId: lot.id,
  lotName: lot.name,
  spotId: 's1',
  spotNumber: 3,
  vehicleNumber: 'KA01AB1234',
  type: 'instant',
  status: 'active',
  startAt: '2026-11-22T09:00:00Z',
  endAt: null,
  checkedInAt: null,
  releasedAt: null,
  mustLeaveBy: null,
  overstayMinutes: 0,
  reseatedFromSpotNumber: null,
  ratePerHourCents: 600,
  tariffVersion: 1,
  costCents: 30,
  estimatedCostCents: null,
  quotedCents: null,
  currency: 'USD',
  paid: false,
  reviewed: false,
  releaseReason: null,
  createdAt: '2026-11-22T09:00:00Z',
};

/** `parkedBooking` released after 2 h 15 min at 2.50 an hour: 562.5 cents, rounded half up (R-PRICE-2). */
export const releasedBooking: BookingDto = {
  ...parkedBooking,
  status: 'completed',
  ratePerHourCents: 250,
  startAt: '2026-11-22T09:00:00Z',
  releasedAt: '2026-11-22T11:15:00Z',
  costCents: 563,
};

export function tokens(
  accessToken: string,
  refreshToken: string,
  user: UserDto = driver,
): TokensDto {
  return { accessToken, refreshToken, expiresIn: 900, tokenType: 'Bearer', user };
}

export function errorBody(statusCode: number, code: string, message: string, details?: unknown) {
  return { statusCode, code, message, ...(details === undefined ? {} : { details }) };
}

export function httpError(
  statusCode: number,
  code: string,
  message: string,
  details?: unknown,
): HttpErrorResponse {
  return new HttpErrorResponse({
    status: statusCode,
    error: errorBody(statusCode, code, message, details),
  });
}

/** Lets the promise chains of the generated client and the interceptor move on. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
