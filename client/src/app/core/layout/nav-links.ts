import { computed, inject } from '@angular/core';
import { AuthStore } from '../auth/auth-store';

export interface NavLink {
  path: string;
  label: string;
  icon: string;
  /** Active only on this very path, not below it (the admin dashboard is the parent of every admin page). */
  exact?: boolean;
  /** The label under the icon of the phone's bottom bar, where the full one does not fit. */
  shortLabel?: string;
  /** Pages reached from this one that keep it marked active (the account page leads to the export). */
  alsoActiveOn?: string[];
}

const ACCOUNT: NavLink = { path: '/account', label: 'Account', icon: 'account_circle' };

const DRIVER_LINKS: NavLink[] = [
  { path: '/lots', label: 'Find parking', icon: 'local_parking' },
  { path: '/bookings', label: 'My bookings', icon: 'receipt_long' },
  { path: '/stats', label: 'My stats', icon: 'insights', shortLabel: 'Stats' },
  { path: '/export', label: 'Export', icon: 'download' },
];

const ADMIN_LINKS: NavLink[] = [
  { path: '/admin', label: 'Dashboard', icon: 'dashboard', exact: true },
  { path: '/admin/lots', label: 'Lots', icon: 'local_parking' },
  { path: '/admin/users', label: 'Users', icon: 'group' },
  { path: '/admin/bookings', label: 'Bookings', icon: 'receipt_long' },
  { path: '/admin/jobs', label: 'Jobs', icon: 'schedule_send' },
];

/**
 * A phone's bottom bar holds four or five destinations (more would not fit 390 px with readable
 * labels): the role's main pages and Account, whose page links to the rest (the export, the jobs).
 */
const DRIVER_BAR: NavLink[] = [
  ...DRIVER_LINKS.slice(0, 3),
  { ...ACCOUNT, alsoActiveOn: ['/export'] },
];

const ADMIN_BAR: NavLink[] = [
  ...ADMIN_LINKS.slice(0, 4),
  { ...ACCOUNT, alsoActiveOn: ['/admin/jobs'] },
];

/** The links of the signed-in user's role in the toolbar (none when signed out). */
export function injectNavLinks() {
  const auth = inject(AuthStore);
  return computed(() => (!auth.isSignedIn() ? [] : auth.isAdmin() ? ADMIN_LINKS : DRIVER_LINKS));
}

/** The destinations of the phone's bottom bar for the signed-in user's role (none when signed out). */
export function injectBottomBarLinks() {
  const auth = inject(AuthStore);
  return computed(() => (!auth.isSignedIn() ? [] : auth.isAdmin() ? ADMIN_BAR : DRIVER_BAR));
}

/** The links the account page lists for the role: the pages the bottom bar has no room for. */
export function injectAccountLinks() {
  const auth = inject(AuthStore);
  return computed(() =>
    !auth.isSignedIn()
      ? []
      : auth.isAdmin()
        ? [{ path: '/admin/jobs', label: 'Reports and exports', icon: 'schedule_send' }]
        : [{ path: '/export', label: 'Export my history', icon: 'download' }],
  );
}

/** Whether `link` is the current page (or the section it belongs to) at `path`. */
export function isActiveLink(link: NavLink, path: string): boolean {
  const under = (base: string) => path === base || path.startsWith(`${base}/`);
  if (link.exact ? path === link.path : under(link.path)) return true;
  return (link.alsoActiveOn ?? []).some(under);
}
