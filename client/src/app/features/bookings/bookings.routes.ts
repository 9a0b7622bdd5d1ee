import { Routes } from '@angular/router';

export default [
  {
    path: 'bookings',
    title: 'My bookings',
    loadComponent: () => import('./pages/my-bookings-page').then((m) => m.MyBookingsPage),
  },
] satisfies Routes;
