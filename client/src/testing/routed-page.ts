import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router, Routes, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore } from '../app/core/auth/auth-store';
import { tokens } from './api-fixtures';

/**
 * Pages reached by address, as in the app: `routes` with the URL bound to the pages' inputs (route and
 * query parameters), the API behind HttpTestingController, a signed-in driver, toasts stubbed. Navigating
 * to an address again after another one makes a new page from it: what a reload or Back does.
 */
export async function routedAsDriver(routes: Routes) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes, withComponentInputBinding()),
      { provide: MatSnackBar, useValue: { open: vi.fn() } },
    ],
  });
  TestBed.inject(AuthStore).start(tokens('a', 'r'));
  return {
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    harness: await RouterTestingHarness.create(),
  };
}
