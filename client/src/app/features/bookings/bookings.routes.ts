import { Routes } from '@angular/router';

export default [
  {
    path: 'bookings',
    title: 'My bookings',
    loadComponent: () => import('./pages/my-bookings-page').then((m) => m.MyBookingsPage),
  },
  {
    path: 'bookings/:bookingId',
    title: 'Booking',
    loadComponent: () => import('./pages/booking-detail-page').then((m) => m.BookingDetailPage),
  },
] satisfies Routes;
