import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { AuthStore, BYPASS_AUTH } from './auth-store';

/** Thrown in place of a 401 once the session could not be refreshed: the login page explains it. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
    this.name = 'SessionExpiredError';
  }
}

const withBearer = <T>(req: HttpRequest<T>, token: string) =>
  req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });

/**
 * Adds the bearer token; on a 401 refreshes it once and retries the request with the new one; when the
 * refresh fails, ends the session.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const token = auth.accessToken();
  if (req.context.get(BYPASS_AUTH) || !token) return next(req);

  return next(withBearer(req, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401)
        return throwError(() => error);
      // Another request may have refreshed while this one was in flight: use its token.
      const current = auth.accessToken();
      const fresh: Observable<string> =
        current && current !== token ? of(current) : from(auth.refresh());
      return fresh.pipe(
        catchError(() => {
          auth.expire();
          return throwError(() => new SessionExpiredError());
        }),
        switchMap((newToken) => next(withBearer(req, newToken))),
      );
    }),
  );
};
