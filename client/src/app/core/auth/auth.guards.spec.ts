import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  provideRouter,
  Router,
  RouterStateSnapshot,
  UrlSegment,
  UrlTree,
} from '@angular/router';
import { provideHttpClient } from '@angular/common/http';
import { admin, tokens } from '../../../testing/api-fixtures';
import { AuthStore } from './auth-store';
import { adminGuard, guestGuard, signedInGuard } from './auth.guards';

describe('route guards', () => {
  let auth: AuthStore;
  let router: Router;
  const run = <T>(guard: () => T) => TestBed.runInInjectionContext(guard);
  const asUrl = (result: unknown) =>
    result instanceof UrlTree ? router.serializeUrl(result) : result;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient()] });
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
  });

  describe('signedInGuard', () => {
    const state = { url: '/bookings?tab=history' } as RouterStateSnapshot;
    const check = () => run(() => signedInGuard({} as ActivatedRouteSnapshot, state));

    it('sends a signed-out visitor to the login page, remembering where they were going', () => {
      expect(asUrl(check())).toBe('/login?returnUrl=%2Fbookings%3Ftab%3Dhistory');
    });

    it('lets a signed-in user in', () => {
      auth.start(tokens('a', 'r'));
      expect(check()).toBe(true);
    });
  });

  describe('adminGuard', () => {
    const check = () => run(() => adminGuard({}, [new UrlSegment('admin', {})]));

    it('sends a signed-out visitor to the login page', () => {
      expect(asUrl(check())).toBe('/login?returnUrl=%2Fadmin');
    });

    it('turns a driver away to the start page', () => {
      auth.start(tokens('a', 'r'));
      expect(asUrl(check())).toBe('/');
    });

    it('lets an admin in', () => {
      auth.start(tokens('a', 'r', admin));
      expect(check()).toBe(true);
    });
  });

  describe('guestGuard', () => {
    const check = () =>
      run(() => guestGuard({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot));

    it('shows the login page to a visitor and sends a signed-in user home', () => {
      expect(check()).toBe(true);
      auth.start(tokens('a', 'r'));
      expect(asUrl(check())).toBe('/');
    });
  });
});
