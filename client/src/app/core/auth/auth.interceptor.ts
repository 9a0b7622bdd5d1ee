import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { AuthStore, BYPASS_AUTH, isAccountDisabled, isTransientFailure } from './auth-store';

/** Thrown in place of a 401 once the session could not be refreshed: the login page explains it. */
export class SessionExpiredError extends Error {
  constructor(message = 'Your session has ended. Please sign in again.') {
    super(message);
    this.name = 'SessionExpiredError';
  }
}

/**
 * Thrown in place of an ACCOUNT_DISABLED answer: the session is over and the account-disabled page
 * explains it. A SessionExpiredError, so that no toast repeats it over the page being left.
 */
export class AccountDisabledError extends SessionExpiredError {
  constructor() {
    super('This account has been deactivated.');
    this.name = 'AccountDisabledError';
  }
}

const withBearer = <T>(req: HttpRequest<T>, token: string) =>
  req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });

/**
 * Adds the bearer token; on a 401 refreshes it once and retries the request with the new one; when the
 * API refuses the refresh, the session is over. A deactivated account (the request, the refresh or the retry
 * answered ACCOUNT_DISABLED) ends the session too, on the page that says so.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const token = auth.accessToken();
  if (req.context.get(BYPASS_AUTH) || !token) return next(req);

  return next(withBearer(req, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401)
        return throwError(() => error);
      // Another request (or tab) may have refreshed while this one was in flight: use its token.
      const current = auth.accessToken();
      const fresh: Observable<string> =
        current && current !== token ? of(current) : from(auth.refresh());
      return fresh.pipe(
        catchError((refreshError: unknown) => {
          // The sign-in is kept: the request fails with the reason (say, no connection).
          if (isTransientFailure(refreshError)) return throwError(() => refreshError);
          // AuthStore has ended the session and shown why.
          return throwError(() =>
            isAccountDisabled(refreshError)
              ? new AccountDisabledError()
              : new SessionExpiredError(),
          );
        }),
        switchMap((newToken) => next(withBearer(req, newToken))),
      );
    }),
    catchError((error: unknown) => {
      if (!isAccountDisabled(error)) return throwError(() => error);
      auth.accountDisabled();
      return throwError(() => new AccountDisabledError());
    }),
  );
};
