import { Routes } from '@angular/router';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';

export default [
  {
    path: '',
    // Chart.js is registered here, so it loads with these pages and not with the app's first bundle.
    providers: [provideCharts(withDefaultRegisterables())],
    children: [
      {
        path: 'stats',
        title: 'My stats',
        loadComponent: () => import('./pages/my-stats-page').then((m) => m.MyStatsPage),
      },
      {
        path: 'export',
        title: 'Export my history',
        loadComponent: () => import('./pages/export-page').then((m) => m.ExportPage),
      },
    ],
  },
] satisfies Routes;
