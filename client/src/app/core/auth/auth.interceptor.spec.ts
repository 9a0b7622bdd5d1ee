import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { LotPage } from '../../api/models';
import { AuthApi, LotsApi } from '../../api/services';
import { errorBody, settle, tokens } from '../../../testing/api-fixtures';
import { AuthStore, REFRESH_LOCK } from './auth-store';
import { AccountDisabledError, authInterceptor, SessionExpiredError } from './auth.interceptor';

@Component({ template: '' })
class Blank {}

const emptyPage: LotPage = { items: [], total: 0, page: 1, pageSize: 20 };
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const forbidden = { status: 403, statusText: 'Forbidden' };
const disabled = errorBody(403, 'ACCOUNT_DISABLED', 'This account has been deactivated');

/** What another tab's refresh leaves in the shared storage. */
const storeAsAnotherTab = (accessToken: string, refreshToken: string) =>
  localStorage.setItem(
    'parking.session',
    JSON.stringify({ accessToken, refreshToken, user: tokens(accessToken, refreshToken).user }),
  );

/**
 * Web Locks as a browser grants them: one holder of a name at a time, the others queued in order.
 * `held` lists the names whose holder is running now.
 */
class FakeLockManager {
  readonly held: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const granted = this.queue.then(async () => {
      this.held.push(name);
      try {
        return await callback();
      } finally {
        this.held.splice(this.held.indexOf(name), 1);
      }
    });
    this.queue = granted.catch(() => undefined);
    return granted;
  }
}

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let auth: AuthStore;
  let lots: LotsApi;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    lots = TestBed.inject(LotsApi);
  });

  afterEach(() => http.verify());

  it('sends no Authorization header when signed out', async () => {
    const result = lots.listLots();
    const req = http.expectOne('/api/lots');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(emptyPage);
    await expect(result).resolves.toEqual(emptyPage);
  });

  it('adds the access token as a bearer token', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();
    const req = http.expectOne('/api/lots');
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(emptyPage);
    await expect(result).resolves.toEqual(emptyPage);
  });

  it('on a 401 refreshes the token once and retries the request with the new one', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots({ search: 'central' });

    http
      .expectOne('/api/lots?search=central')
      .flush(errorBody(401, 'UNAUTHORIZED', 'Token expired'), unauthorized);
    const refresh = http.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(tokens('access-2', 'refresh-2'));
    await settle();

    const retry = http.expectOne('/api/lots?search=central');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush(emptyPage);
    await expect(result).resolves.toEqual(emptyPage);
    expect(auth.accessToken()).toBe('access-2');
    expect(JSON.parse(localStorage.getItem('parking.session')!).refreshToken).toBe('refresh-2');
  });

  it('shares one refresh between requests that fail together (refresh tokens are single-use)', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const first = lots.listLots({ page: 1 });
    const second = lots.listLots({ page: 2 });
    http
      .expectOne('/api/lots?page=1')
      .flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
    http
      .expectOne('/api/lots?page=2')
      .flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);

    http.expectOne('/api/auth/refresh').flush(tokens('access-2', 'refresh-2'));
    await settle();

    for (const page of [1, 2]) {
      const retry = http.expectOne(`/api/lots?page=${page}`);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush(emptyPage);
    }
    await expect(Promise.all([first, second])).resolves.toEqual([emptyPage, emptyPage]);
  });

  it('does not refresh a second time when the retried request fails again', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();
    http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
    http.expectOne('/api/auth/refresh').flush(tokens('access-2', 'refresh-2'));
    await settle();
    http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Still no'), unauthorized);

    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    http.expectNone('/api/auth/refresh');
  });

  it('signs out and goes to the login page when the refresh fails', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/bookings');
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();

    http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
    http
      .expectOne('/api/auth/refresh')
      .flush(
        errorBody(401, 'REFRESH_TOKEN_REUSED', 'Refresh token was already used'),
        unauthorized,
      );

    await expect(result).rejects.toBeInstanceOf(SessionExpiredError);
    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem('parking.session')).toBeNull();
    await settle();
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fbookings');
  });

  it('keeps the sign-in when the refresh cannot reach the server, failing the request with that', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();
    http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
    http
      .expectOne('/api/auth/refresh')
      .error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });

    await expect(result).rejects.toMatchObject({ status: 0 });
    expect(auth.isSignedIn()).toBe(true);
    expect(JSON.parse(localStorage.getItem('parking.session')!).refreshToken).toBe('refresh-1');
  });

  it('signs out to the login page when another tab signed out while this one waited to refresh', async () => {
    const router = TestBed.inject(Router);
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();
    // The other tab's sign-out, before its `storage` event reached this one.
    localStorage.removeItem('parking.session');
    http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);

    await expect(result).rejects.toBeInstanceOf(SessionExpiredError);
    http.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(false);
    await settle();
    expect(router.url).toBe('/login');
  });

  describe('with other tabs (R-AUTH-7)', () => {
    const installLocks = () => {
      const locks = new FakeLockManager();
      Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
      return locks;
    };
    /** The failed request is sent again with the other tab's token, and nothing is refreshed. */
    const expectRetriedWithoutRefresh = async (result: Promise<LotPage>, accessToken: string) => {
      http.expectNone('/api/auth/refresh');
      const retry = http.expectOne('/api/lots');
      expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${accessToken}`);
      retry.flush(emptyPage);
      await expect(result).resolves.toEqual(emptyPage);
    };

    afterEach(() => {
      delete (navigator as { locks?: unknown }).locks;
    });

    it('uses the tokens another tab stored instead of refreshing again', async () => {
      auth.start(tokens('access-1', 'refresh-1'));
      const result = lots.listLots();
      // The other tab rotated the tokens; its `storage` event has not arrived here yet.
      storeAsAnotherTab('access-2', 'refresh-2');
      http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
      await settle();

      await expectRetriedWithoutRefresh(result, 'access-2');
      expect(auth.accessToken()).toBe('access-2');
    });

    it('refreshes under a lock every tab shares, and waits for the tab holding it', async () => {
      const locks = installLocks();
      auth.start(tokens('access-1', 'refresh-1'));
      // Another tab is refreshing: it holds the lock until its new tokens are stored.
      let otherTabDone!: () => void;
      void locks.request(REFRESH_LOCK, () => new Promise<void>((done) => (otherTabDone = done)));

      const result = lots.listLots();
      http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
      await settle();
      http.expectNone('/api/auth/refresh');
      storeAsAnotherTab('access-2', 'refresh-2');
      otherTabDone();
      await settle();

      await expectRetriedWithoutRefresh(result, 'access-2');
    });

    it('holds the lock while it refreshes itself', async () => {
      const locks = installLocks();
      auth.start(tokens('access-1', 'refresh-1'));
      const result = lots.listLots();
      http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
      await settle();

      const refresh = http.expectOne('/api/auth/refresh');
      expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
      expect(locks.held).toEqual([REFRESH_LOCK]);
      refresh.flush(tokens('access-2', 'refresh-2'));
      await settle();
      expect(locks.held).toEqual([]);
      http.expectOne('/api/lots').flush(emptyPage);
      await expect(result).resolves.toEqual(emptyPage);
      expect(JSON.parse(localStorage.getItem('parking.session')!).refreshToken).toBe('refresh-2');
    });
  });

  describe('a deactivated account (ACCOUNT_DISABLED)', () => {
    let router: Router;

    beforeEach(async () => {
      router = TestBed.inject(Router);
      await router.navigateByUrl('/bookings?tab=active');
      auth.start(tokens('access-1', 'refresh-1'));
    });

    const expectSentToDisabledPage = async () => {
      expect(auth.isSignedIn()).toBe(false);
      expect(localStorage.getItem('parking.session')).toBeNull();
      expect(localStorage.getItem('parking.session-ended')).toBe('disabled');
      await settle();
      expect(router.url).toBe('/account-disabled');
    };

    it('ends the session and goes to the account-disabled page, not a toast over stale data', async () => {
      const result = lots.listLots();
      http.expectOne('/api/lots').flush(disabled, forbidden);

      // A SessionExpiredError, so the Notifier shows no toast for it.
      await expect(result).rejects.toBeInstanceOf(AccountDisabledError);
      await expect(result).rejects.toBeInstanceOf(SessionExpiredError);
      http.expectNone('/api/auth/refresh');
      await expectSentToDisabledPage();
    });

    it('does the same when the refresh answers it', async () => {
      const result = lots.listLots();
      http.expectOne('/api/lots').flush(errorBody(401, 'UNAUTHORIZED', 'Expired'), unauthorized);
      http.expectOne('/api/auth/refresh').flush(disabled, forbidden);

      await expect(result).rejects.toBeInstanceOf(AccountDisabledError);
      await expectSentToDisabledPage();
    });

    it('reads the code of a body that arrived as text (calls answering 204)', async () => {
      const result = lots.archiveLot({ id: 'lot-1' });
      http.expectOne('/api/lots/lot-1').flush(JSON.stringify(disabled), forbidden);

      await expect(result).rejects.toBeInstanceOf(AccountDisabledError);
      await expectSentToDisabledPage();
    });
  });

  it('leaves a 401 of a request sent without a token alone (wrong password at login)', async () => {
    const result = TestBed.inject(AuthApi).login({ body: { login: 'jane', password: 'nope' } });
    http
      .expectOne('/api/auth/login')
      .flush(errorBody(401, 'INVALID_CREDENTIALS', 'Wrong login or password'), unauthorized);
    await expect(result).rejects.toMatchObject({ status: 401 });
    http.expectNone('/api/auth/refresh');
  });

  it('passes other errors through untouched', async () => {
    auth.start(tokens('access-1', 'refresh-1'));
    const result = lots.listLots();
    http
      .expectOne('/api/lots')
      .flush(errorBody(403, 'FORBIDDEN', 'No'), { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    http.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(true);
  });
});
