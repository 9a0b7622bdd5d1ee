import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { admin, settle, tokens } from '../../../testing/api-fixtures';
import { AuthStore } from './auth-store';

@Component({ template: '' })
class Blank {}

const SESSION_KEY = 'parking.session';

/** The session another tab of the portal stores, and the `storage` event the browser tells this tab. */
function changeInAnotherTab(
  session: ReturnType<typeof tokens> | null,
  endedBecause?: string,
): void {
  const oldValue = localStorage.getItem(SESSION_KEY);
  if (endedBecause) localStorage.setItem('parking.session-ended', endedBecause);
  const newValue = session
    ? JSON.stringify({
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        user: session.user,
      })
    : null;
  if (newValue) localStorage.setItem(SESSION_KEY, newValue);
  else localStorage.removeItem(SESSION_KEY);
  window.dispatchEvent(
    new StorageEvent('storage', {
      key: SESSION_KEY,
      oldValue,
      newValue,
      storageArea: localStorage,
    }),
  );
}

describe('AuthStore across tabs (R-AUTH-7)', () => {
  let auth: AuthStore;
  let router: Router;
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
    await router.navigateByUrl('/bookings');
  });

  afterEach(() => http.verify());

  it('takes the tokens another tab refreshed, staying on its page', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    changeInAnotherTab(tokens('access-2', 'refresh-2'));
    await settle();
    expect(auth.accessToken()).toBe('access-2');
    expect(router.url).toBe('/bookings');
  });

  it('signs in when another tab did, and goes to the start page', async () => {
    await router.navigateByUrl('/login');
    changeInAnotherTab(tokens('access-1', 'refresh-1', admin));
    await settle();
    expect(auth.isAdmin()).toBe(true);
    expect(router.url).toBe('/');
  });

  it('follows a sign-out in another tab to the login page', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    changeInAnotherTab(null, 'signed-out');
    await settle();
    expect(auth.isSignedIn()).toBe(false);
    expect(router.url).toBe('/login');
  });

  it('follows an expiry in another tab to the login page, which says so and comes back here', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    changeInAnotherTab(null, 'expired');
    await settle();
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fbookings');
  });

  it('follows a deactivation seen by another tab to the account-disabled page', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    changeInAnotherTab(null, 'disabled');
    await settle();
    expect(auth.isSignedIn()).toBe(false);
    expect(router.url).toBe('/account-disabled');
  });

  it('tells the other tabs why it signed out', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const done = auth.logout();
    await settle();
    const revoke = http.expectOne('/api/auth/logout');
    expect(revoke.request.body).toEqual({ refreshToken: 'refresh-1' });
    revoke.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(localStorage.getItem('parking.session-ended')).toBe('signed-out');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(router.url).toBe('/login');
  });

  it('ignores changes to other keys', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    localStorage.setItem('other', 'x');
    window.dispatchEvent(new StorageEvent('storage', { key: 'other', storageArea: localStorage }));
    await settle();
    expect(auth.accessToken()).toBe('access-1');
    expect(router.url).toBe('/bookings');
  });
});
