import { Routes } from '@angular/router';

/** The admin area, behind adminGuard (app.routes.ts); lots, spots, users, bookings and jobs slot in here. */
export default [
  {
    path: '',
    title: 'Admin dashboard',
    loadComponent: () => import('./pages/admin-dashboard-page').then((m) => m.AdminDashboardPage),
  },
] satisfies Routes;
