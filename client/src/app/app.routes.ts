import { Routes } from '@angular/router';
import { adminGuard, guestGuard, homeRedirect, signedInGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
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
