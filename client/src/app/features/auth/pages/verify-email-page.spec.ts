import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier } from '../../../core/errors/notifier';
import { settle } from '../../../../testing/api-fixtures';
import { fieldInput, readableText } from '../../../../testing/dom';
import { VerifyEmailPage } from './verify-email-page';

@Component({ template: '' })
class Blank {}

describe('VerifyEmailPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  const page = () => harness.routeNativeElement!;
  const notice = () => page().querySelector('.notice[role=status]');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'verify-email', component: VerifyEmailPage },
            { path: '**', component: Blank },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  it("fills the e-mail in from the mail's link", async () => {
    await harness.navigateByUrl(
      '/verify-email?email=jane%2Bparking%40example.com',
      VerifyEmailPage,
    );
    expect(fieldInput(page(), 'E-mail').value).toBe('jane+parking@example.com');
    expect(notice()).toBeNull();
  });

  it('tells a driver sent from the login why, and sends a new code to the address filled in', async () => {
    const success = vi.spyOn(TestBed.inject(Notifier), 'success');
    await harness.navigateByUrl(
      '/verify-email?email=jane@example.com&reason=unverified',
      VerifyEmailPage,
    );
    expect(readableText(notice())).toBe(
      'Your e-mail address is not confirmed yet. Enter the code we e-mailed you when you registered, or send a new one.',
    );

    const resend = [...page().querySelectorAll('button')].find(
      (b) => b.textContent!.trim() === 'Send a new code',
    )!;
    resend.click();
    const req = http.expectOne('/api/auth/resend-code');
    expect(req.request.body).toEqual({ email: 'jane@example.com' });
    req.flush(
      { message: 'If the account can receive one, a code has been sent' },
      {
        status: 202,
        statusText: 'Accepted',
      },
    );
    await settle();
    expect(success).toHaveBeenCalledWith('A new code is on its way');
  });
});
