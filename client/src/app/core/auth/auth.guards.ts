import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, RedirectFunction, Router, UrlSegment } from '@angular/router';
import { AuthStore } from './auth-store';

const toLogin = (returnUrl: string) =>
  inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl } });

/** Driver pages: signed-in users only; others go to the login page and come back after. */
export const signedInGuard: CanActivateFn = (_route, state) =>
  inject(AuthStore).isSignedIn() || toLogin(state.url);

/** The admin area (a canMatch, so its code is not even downloaded for drivers). */
export const adminGuard: CanMatchFn = (_route, segments: UrlSegment[]) => {
  const auth = inject(AuthStore);
  if (!auth.isSignedIn()) return toLogin(`/${segments.map((s) => s.path).join('/')}`);
  return auth.isAdmin() || inject(Router).createUrlTree(['/']);
};

/** Login and register pages make no sense once signed in. */
export const guestGuard: CanActivateFn = () =>
  !inject(AuthStore).isSignedIn() || inject(Router).createUrlTree(['/']);

/** `/` leads admins to their dashboard and drivers to the lots. */
export const homeRedirect: RedirectFunction = () =>
  inject(AuthStore).isAdmin() ? '/admin' : '/lots';
