import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { LotPage } from '../../api/models';
import { AuthApi, LotsApi } from '../../api/services';
import { errorBody, settle, tokens } from '../../../testing/api-fixtures';
import { AuthStore } from './auth-store';
import { authInterceptor, SessionExpiredError } from './auth.interceptor';

@Component({ template: '' })
class Blank {}

const emptyPage: LotPage = { items: [], total: 0, page: 1, pageSize: 20 };
const unauthorized = { status: 401, statusText: 'Unauthorized' };

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
