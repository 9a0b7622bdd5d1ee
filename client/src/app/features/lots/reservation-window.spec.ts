import { FormControl, FormGroup } from '@angular/forms';
import { toLocalInputValue } from '../../shared/time/local-time';
import {
  defaultWindow,
  linkWindow,
  reservationEndRule,
  reservationStartRule,
  windowFrom,
} from './reservation-window';

const inMinutes = (minutes: number) => toLocalInputValue(new Date(Date.now() + minutes * 60_000));

function windowForm(startAt: string, endAt: string) {
  const form = new FormGroup({
    startAt: new FormControl(startAt, { nonNullable: true, validators: reservationStartRule }),
    endAt: new FormControl(endAt, { nonNullable: true, validators: reservationEndRule }),
  });
  linkWindow(form.controls.startAt, form.controls.endAt);
  return form;
}

describe('reservation window rules (R-BOOK-2)', () => {
  it('accepts a window from 15 minutes to 7 days, starting now or later', () => {
    expect(windowForm(inMinutes(5), inMinutes(20)).valid).toBe(true);
    expect(windowForm(inMinutes(60), inMinutes(60 + 7 * 24 * 60)).valid).toBe(true);
  });

  it('refuses a start in the past and one more than 90 days ahead', () => {
    expect(windowForm(inMinutes(-10), inMinutes(60)).controls.startAt.errors).toEqual({
      startAt: 'The start cannot be in the past',
    });
    expect(
      windowForm(inMinutes(91 * 24 * 60), inMinutes(91 * 24 * 60 + 60)).controls.startAt.errors,
    ).toEqual({
      startAt: 'Reservations open at most 90 days ahead',
    });
  });

  it('refuses windows shorter than 15 minutes or longer than 7 days', () => {
    expect(windowForm(inMinutes(10), inMinutes(20)).controls.endAt.errors).toEqual({
      endAt: 'The window must last at least 15 minutes',
    });
    expect(
      windowForm(inMinutes(10), inMinutes(10 + 7 * 24 * 60 + 15)).controls.endAt.errors,
    ).toEqual({
      endAt: 'The window can last at most 7 days',
    });
  });

  it('says so when the end is before the start, or at it', () => {
    expect(windowForm(inMinutes(120), inMinutes(60)).controls.endAt.errors).toEqual({
      endAt: 'The end must be after the start',
    });
    expect(windowForm(inMinutes(60), inMinutes(60)).controls.endAt.errors).toEqual({
      endAt: 'The end must be after the start',
    });
  });

  it('checks the end again when the start moves', () => {
    const form = windowForm(inMinutes(10), inMinutes(60));
    expect(form.valid).toBe(true);
    form.controls.startAt.setValue(inMinutes(55));
    expect(form.controls.endAt.errors).toEqual({
      endAt: 'The window must last at least 15 minutes',
    });
  });

  it('suggests two hours from the next quarter hour', () => {
    expect(defaultWindow(new Date(2026, 10, 23, 9, 7))).toEqual({
      startAt: '2026-11-23T09:15',
      endAt: '2026-11-23T11:15',
    });
    expect(defaultWindow(new Date(2026, 10, 23, 9, 59, 30))).toEqual({
      startAt: '2026-11-23T10:00',
      endAt: '2026-11-23T12:00',
    });
  });

  it('suggests a two-hour window from a given moment, starting on the whole minute after it', () => {
    expect(windowFrom(new Date(2026, 10, 23, 15, 45, 20))).toEqual({
      startAt: '2026-11-23T15:46',
      endAt: '2026-11-23T17:46',
    });
    expect(windowFrom(new Date(2026, 10, 23, 23, 0))).toEqual({
      startAt: '2026-11-23T23:00',
      endAt: '2026-11-24T01:00',
    });
  });
});
