import { computed, inject } from '@angular/core';
import { AuthStore } from '../auth/auth-store';

export interface NavLink {
  path: string;
  label: string;
  icon: string;
  /** Active only on this very path, not below it (the admin dashboard is the parent of every admin page). */
  exact?: boolean;
}

const DRIVER_LINKS: NavLink[] = [
  { path: '/lots', label: 'Find parking', icon: 'local_parking' },
  { path: '/bookings', label: 'My bookings', icon: 'receipt_long' },
  { path: '/stats', label: 'My stats', icon: 'insights' },
  { path: '/export', label: 'Export', icon: 'download' },
];

const ADMIN_LINKS: NavLink[] = [
  { path: '/admin', label: 'Dashboard', icon: 'dashboard', exact: true },
  { path: '/admin/lots', label: 'Lots', icon: 'local_parking' },
  { path: '/admin/users', label: 'Users', icon: 'group' },
  { path: '/admin/bookings', label: 'Bookings', icon: 'receipt_long' },
  { path: '/admin/jobs', label: 'Jobs', icon: 'schedule_send' },
];

/** The links of the signed-in user's role (none when signed out). */
export function injectNavLinks() {
  const auth = inject(AuthStore);
  return computed(() => (!auth.isSignedIn() ? [] : auth.isAdmin() ? ADMIN_LINKS : DRIVER_LINKS));
}
