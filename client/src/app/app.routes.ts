import { Routes } from '@angular/router';
import { adminGuard, guestGuard, homeRedirect, signedInGuard } from './core/auth/auth.guards';
import { ACCOUNT_DISABLED_PATH } from './core/auth/auth-store';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
  // No guard: the session is already over when a deactivated account is sent here (R-AUTH-7).
  {
    path: ACCOUNT_DISABLED_PATH,
    title: 'Account disabled',
    loadComponent: () =>
      import('./features/auth/pages/account-disabled-page').then((m) => m.AccountDisabledPage),
  },
  {
    path: '',
    canActivate: [guestGuard],
    loadChildren: () => import('./features/auth/auth.routes'),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadChildren: () => import('./features/lots/lots.routes'),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadChildren: () => import('./features/bookings/bookings.routes'),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadChildren: () => import('./features/history/history.routes'),
  },
  {
    path: 'account',
    title: 'Account',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/account/account-page').then((m) => m.AccountPage),
  },
  {
    path: 'admin',
    canMatch: [adminGuard],
    loadChildren: () => import('./features/admin/admin.routes'),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./shared/not-found-page').then((m) => m.NotFoundPage),
  },
];
