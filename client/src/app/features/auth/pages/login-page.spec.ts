import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Notifier } from '../../../core/errors/notifier';
import { driver, errorBody, settle, tokens } from '../../../../testing/api-fixtures';
import { typeInto } from '../../../../testing/dom';
import { LoginPage } from './login-page';

@Component({ template: '' })
class Blank {}

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let router: Router;
  let toast: ReturnType<typeof vi.spyOn>;

  const signIn = async (login: string, password: string) => {
    const page: HTMLElement = fixture.nativeElement;
    typeInto(page, 'E-mail or username', login);
    typeInto(page, 'Password', password);
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ login, password });
    return req;
  };
  const forbidden = { status: 403, statusText: 'Forbidden' };

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    toast = vi.spyOn(TestBed.inject(Notifier), 'error');
    fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('signs in and goes to the lots', async () => {
    (await signIn('jane', 'secret123')).flush(tokens('access-1', 'refresh-1'));
    await settle();
    expect(router.url).toBe('/lots');
    expect(JSON.parse(localStorage.getItem('parking.session')!).user.id).toBe(driver.id);
  });

  it('takes an unverified driver signing in by username to the code page with their e-mail', async () => {
    (await signIn('jane', 'secret123')).flush(
      errorBody(403, 'EMAIL_NOT_VERIFIED', 'Verify your e-mail address before logging in', {
        email: 'jane@example.com',
      }),
      forbidden,
    );
    await settle();
    expect(router.url).toBe('/verify-email?email=jane@example.com&reason=unverified');
    // The code page says why; no toast repeats it.
    expect(toast).not.toHaveBeenCalled();
    expect(localStorage.getItem('parking.session')).toBeNull();
  });

  it('takes a deactivated account to the page that says so', async () => {
    (await signIn('jane@example.com', 'secret123')).flush(
      errorBody(403, 'ACCOUNT_DISABLED', 'This account has been deactivated'),
      forbidden,
    );
    await settle();
    expect(router.url).toBe('/account-disabled');
    expect(toast).not.toHaveBeenCalled();
  });

  it('stays on the page and shows the message for a wrong password', async () => {
    await router.navigateByUrl('/login');
    (await signIn('jane', 'wrong1234')).flush(
      errorBody(401, 'INVALID_CREDENTIALS', 'The login or password is wrong'),
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    expect(router.url).toBe('/login');
    expect(toast).toHaveBeenCalledTimes(1);
  });
});
