import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { httpError } from '../../../testing/api-fixtures';
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

  it('shows successes as polite toasts', () => {
    notifier.success('Paid');
    expect(open).toHaveBeenCalledWith(
      'Paid',
      'OK',
      expect.objectContaining({ politeness: 'polite' }),
    );
  });
});
