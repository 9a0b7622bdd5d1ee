import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { Subject } from 'rxjs';
import { errorBody, httpError } from '../../../testing/api-fixtures';
import { fieldError } from '../../shared/forms/field-error';
import { SessionExpiredError } from '../auth/auth.interceptor';
import { Notifier } from './notifier';

describe('Notifier: errors to toasts', () => {
  let notifier: Notifier;
  const open = vi.fn();

  beforeEach(() => {
    open.mockReset();
    TestBed.configureTestingModule({ providers: [{ provide: MatSnackBar, useValue: { open } }] });
    notifier = TestBed.inject(Notifier);
  });

  const toast = () => open.mock.calls[0]?.[0];

  it("shows the API's message and returns its code", () => {
    const problem = notifier.error(httpError(409, 'LOT_FULL', 'Central Garage has no free spot'));
    expect(toast()).toBe('Central Garage has no free spot');
    expect(problem).toMatchObject({ status: 409, code: 'LOT_FULL' });
  });

  it('puts validation errors next to their fields, and the message in the toast', () => {
    const form = new FormGroup({
      email: new FormControl('x@y.z'),
      password: new FormControl('secret123'),
    });
    const details = [
      { field: 'email', errors: ['email must be an email', 'email is too long'] },
      { field: 'unknownField', errors: ['property unknownField should not exist'] },
    ];
    notifier.error(
      httpError(400, 'VALIDATION_FAILED', 'Invalid input — email: email must be an email', details),
      form,
    );

    expect(toast()).toBe('Invalid input — email: email must be an email');
    expect(fieldError(form.controls.email, 'E-mail')).toBe(
      'email must be an email. email is too long',
    );
    expect(form.controls.email.touched).toBe(true);
    expect(form.controls.password.valid).toBe(true);
  });

  it('clears a field error from the server once the user edits the field', () => {
    const form = new FormGroup({ username: new FormControl('jane') });
    notifier.error(
      httpError(400, 'VALIDATION_FAILED', 'Invalid', [{ field: 'username', errors: ['taken'] }]),
      form,
    );
    expect(form.controls.username.invalid).toBe(true);
    form.controls.username.setValue('jane2');
    expect(form.controls.username.valid).toBe(true);
  });

  it('says the server cannot be reached when there is no answer', () => {
    notifier.error(new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
    expect(toast()).toBe('Cannot reach the server. Check your connection and try again.');
  });

  it('names the status when the answer is not our error body (a proxy page)', () => {
    notifier.error(
      new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: '<html>' }),
    );
    expect(toast()).toBe('The server answered 502 Bad Gateway');
  });

  it('reads the error body of a call that asked for text (one whose success has no body)', () => {
    const body = JSON.stringify({
      statusCode: 409,
      code: 'LOT_IN_USE',
      message: 'The lot is in use',
    });
    const problem = notifier.error(new HttpErrorResponse({ status: 409, error: body }));
    expect(toast()).toBe('The lot is in use');
    expect(problem.code).toBe('LOT_IN_USE');
  });

  it('runs a call for a button: its result, or undefined once its failure is shown', async () => {
    expect(await notifier.attempt(() => Promise.resolve(42))).toBe(42);
    expect(open).not.toHaveBeenCalled();
    const onProblem = vi.fn();
    const result = await notifier.attempt(
      () => Promise.reject(httpError(409, 'SPOT_IN_USE', 'The spot is busy')),
      onProblem,
    );
    expect(result).toBeUndefined();
    expect(toast()).toBe('The spot is busy');
    expect(onProblem).toHaveBeenCalledWith(expect.objectContaining({ code: 'SPOT_IN_USE' }));
  });

  it('stays quiet about an expired session: the login page explains it', () => {
    expect(notifier.error(new SessionExpiredError()).code).toBe('SESSION_EXPIRED');
    expect(open).not.toHaveBeenCalled();
  });

  it('says in the toast when to try again after too many attempts (Retry-After)', () => {
    notifier.error(
      new HttpErrorResponse({
        status: 429,
        headers: new HttpHeaders({ 'Retry-After': '40' }),
        error: errorBody(429, 'RATE_LIMITED', 'Too many requests; try again later'),
      }),
    );
    expect(toast()).toBe('Too many attempts — try again in 40 seconds');
  });

  it('shows successes as polite toasts', () => {
    notifier.success('Paid');
    expect(open).toHaveBeenCalledWith(
      'Paid',
      'OK',
      expect.objectContaining({ politeness: 'polite' }),
    );
  });
});

@Component({ template: '' })
class Blank {}

describe('Notifier: error toasts and navigation', () => {
  /** A snack bar whose toasts can be watched: each open returns a ref with its own dismiss. */
  const opened: { message: string; dismiss: ReturnType<typeof vi.fn>; closed: Subject<void> }[] =
    [];
  const snackBar = {
    open: (message: string) => {
      const closed = new Subject<void>();
      const dismiss = vi.fn(() => closed.next());
      opened.push({ message, dismiss, closed });
      return { dismiss, afterDismissed: () => closed };
    },
  };
  let notifier: Notifier;
  let router: Router;

  beforeEach(async () => {
    opened.length = 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    notifier = TestBed.inject(Notifier);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/lots');
  });

  it('closes an error toast when the user goes to another page', async () => {
    notifier.error(httpError(409, 'LOT_FULL', 'Central Garage has no free spot'));
    await router.navigateByUrl('/bookings');
    expect(opened[0].dismiss).toHaveBeenCalled();
  });

  it('keeps it while the user stays on the page (a search typed changes only the query)', async () => {
    notifier.error(httpError(409, 'LOT_FULL', 'Central Garage has no free spot'));
    await router.navigateByUrl('/lots?search=central');
    expect(opened[0].dismiss).not.toHaveBeenCalled();
  });

  it('leaves a success toast alone: it reports what led to the new page', async () => {
    notifier.success('Parked in spot 3 at Central Garage');
    await router.navigateByUrl('/bookings?tab=active');
    expect(opened[0].dismiss).not.toHaveBeenCalled();
  });

  it('forgets a toast the user closed, and closes only the newest error', async () => {
    notifier.error(httpError(409, 'LOT_FULL', 'First'));
    opened[0].closed.next();
    notifier.error(httpError(409, 'LOT_FULL', 'Second'));
    await router.navigateByUrl('/bookings');
    expect(opened[0].dismiss).not.toHaveBeenCalled();
    expect(opened[1].dismiss).toHaveBeenCalledTimes(1);
  });
});
