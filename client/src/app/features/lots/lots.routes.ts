import { Routes } from '@angular/router';

export default [
  {
    path: 'lots',
    title: 'Find parking',
    loadComponent: () => import('./pages/lots-page').then((m) => m.LotsPage),
  },
  {
    path: 'lots/:lotId/book',
    title: 'Book a spot',
    loadComponent: () => import('./pages/book-spot-page').then((m) => m.BookSpotPage),
  },
] satisfies Routes;
