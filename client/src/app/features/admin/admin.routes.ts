import { Routes } from '@angular/router';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { AdminActions } from './admin-actions';

/** The admin area, behind adminGuard (app.routes.ts). */
export default [
  {
    path: '',
    // One AdminActions for the area: a change made on one page reloads what the others show.
    // Chart.js is registered here, so it loads with these pages and not with the app's first bundle.
    providers: [AdminActions, provideCharts(withDefaultRegisterables())],
    children: [
      {
        path: '',
        title: 'Admin dashboard',
        loadComponent: () =>
          import('./pages/admin-dashboard-page').then((m) => m.AdminDashboardPage),
      },
      {
        path: 'lots',
        title: 'Manage lots',
        loadComponent: () => import('./pages/admin-lots-page').then((m) => m.AdminLotsPage),
      },
      {
        path: 'lots/:lotId',
        title: 'Spots of a lot',
        loadComponent: () => import('./pages/lot-spots-page').then((m) => m.LotSpotsPage),
      },
      {
        path: 'lots/:lotId/tariff',
        title: 'Tariff of a lot',
        loadComponent: () => import('./pages/lot-tariff-page').then((m) => m.LotTariffPage),
      },
      {
        path: 'users',
        title: 'Users',
        loadComponent: () => import('./pages/admin-users-page').then((m) => m.AdminUsersPage),
      },
      {
        path: 'bookings',
        title: 'All bookings',
        loadComponent: () => import('./pages/admin-bookings-page').then((m) => m.AdminBookingsPage),
      },
      {
        path: 'jobs',
        title: 'Reports and exports',
        loadComponent: () => import('./pages/admin-jobs-page').then((m) => m.AdminJobsPage),
      },
    ],
  },
] satisfies Routes;
