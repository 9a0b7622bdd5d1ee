import { AbstractControl, ValidationErrors } from '@angular/forms';
import { Params } from '@angular/router';
import { BookingStatus } from '../../api/models';
import { BOOKING_STATUSES } from './booking-status';
import { isUuid } from '../../shared/uuid';

// The all-bookings list keeps its filters and its page in the URL's query, so a reload, Back and a
// shared link show the same list. What the URL holds is read defensively: a hand-edited value the API
// would refuse (an id that is no UUID, a day that is no date) is left out rather than sent.

/** The filters the admin sets in the form above the list. */
export interface BookingFilters {
  status: BookingStatus | '';
  lotId: string;
  vehicleNumber: string;
  /** First and last day of the bookings' start, `YYYY-MM-DD` (a date input's value), or ''. */
  from: string;
  to: string;
  overstaying: boolean;
}

/** Everything the URL says about the list: the filters, the driver chosen on the users page, the page. */
export interface BookingsUrl extends BookingFilters {
  userId: string;
  /** Only shown on the driver chip: the API filters by userId. */
  username: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 25;
const PAGE_SIZES = [25, 50, 100];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const uuidOrEmpty = (value: string | null) => (isUuid(value) ? value : '');
const dayOrEmpty = (value: string | null) =>
  value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : '';
const isStatus = (value: string | null): value is BookingStatus =>
  BOOKING_STATUSES.includes(value as BookingStatus);

/** The list the URL's query describes (see the note at the top). */
export function readBookingsUrl(query: { get(name: string): string | null }): BookingsUrl {
  const status = query.get('status');
  const page = Number(query.get('page'));
  const pageSize = Number(query.get('pageSize'));
  return {
    status: isStatus(status) ? status : '',
    lotId: uuidOrEmpty(query.get('lotId')),
    vehicleNumber: query.get('vehicleNumber') ?? '',
    from: dayOrEmpty(query.get('from')),
    to: dayOrEmpty(query.get('to')),
    overstaying: query.get('overstaying') === 'true',
    userId: uuidOrEmpty(query.get('userId')),
    username: query.get('username') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The query for a list: a filter at its default is left out, so a plain list has a plain URL. */
export function bookingsUrlParams(url: BookingsUrl): Params {
  const params: Params = {
    status: url.status,
    lotId: url.lotId,
    vehicleNumber: url.vehicleNumber,
    from: url.from,
    to: url.to,
    overstaying: url.overstaying ? 'true' : '',
    userId: url.userId,
    username: url.userId ? url.username : '',
    page: url.page > 1 ? String(url.page) : '',
    pageSize: url.pageSize !== DEFAULT_PAGE_SIZE ? String(url.pageSize) : '',
  };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
}

const FILTER_KEYS: (keyof BookingFilters)[] = [
  'status',
  'lotId',
  'vehicleNumber',
  'from',
  'to',
  'overstaying',
];
/** Filters the admin types (a history entry per pause would make Back useless): they replace the URL. */
const TYPED_KEYS: (keyof BookingFilters)[] = ['vehicleNumber', 'from', 'to'];

/** Only the filters (in one key order, so two of them compare as JSON). */
export function pickFilters(url: BookingFilters): BookingFilters {
  const { status, lotId, vehicleNumber, from, to, overstaying } = url;
  return { status, lotId, vehicleNumber, from, to, overstaying };
}

export function changedFilters(a: BookingFilters, b: BookingFilters): (keyof BookingFilters)[] {
  return FILTER_KEYS.filter((key) => a[key] !== b[key]);
}

/** Whether a change of these filters replaces the current history entry rather than adding one. */
export const onlyTyped = (changed: (keyof BookingFilters)[]) =>
  changed.every((key) => TYPED_KEYS.includes(key));

/** `from` and `to` are days in order (the same day is a one-day range). */
export const daysInOrder = (from: string, to: string) => !from || !to || from <= to;

/** The filter form's rule: the last day is not before the first. */
export function dayOrderRule(group: AbstractControl): ValidationErrors | null {
  const { from, to } = group.value as { from: string; to: string };
  return daysInOrder(from, to)
    ? null
    : { dayOrder: 'Choose an "until" day on or after the "from" day' };
}
