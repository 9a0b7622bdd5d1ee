import { HttpContext, HttpContextToken, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TokensDto, UserDto } from '../../api/models';
import { AuthApi } from '../../api/services';

/** Marks requests that carry no bearer token and must never trigger a refresh (login, refresh, logout). */
export const BYPASS_AUTH = new HttpContextToken<boolean>(() => false);
export const bypassAuth = () => new HttpContext().set(BYPASS_AUTH, true);

interface Session {
  accessToken: string;
  refreshToken: string;
  user: UserDto;
}

/** Why a session ended: every tab shows the page that says so. */
export type SessionEnd = 'signed-out' | 'expired' | 'disabled';

// localStorage, so a reload or a new tab stays signed in; the access token lives 15 minutes at most.
// Every tab of the portal shares it, and follows the others' changes through `storage` events.
const STORAGE_KEY = 'parking.session';
/** Written just before the session is removed, so the other tabs know why it went. */
const ENDED_KEY = 'parking.session-ended';
/** The Web Lock that lets one tab at a time refresh. */
export const REFRESH_LOCK = 'parking.session-refresh';

/** The route of the account-disabled page (app.routes.ts). */
export const ACCOUNT_DISABLED_PATH = 'account-disabled';

function readStoredSession(): Session | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
}

function readSessionEnd(): SessionEnd {
  const reason = localStorage.getItem(ENDED_KEY);
  return reason === 'expired' || reason === 'disabled' ? reason : 'signed-out';
}

/**
 * Runs `task` holding the lock `name` of every tab of this origin (Web Locks API). Where a browser has
 * none, `task` runs at once: AuthStore still shares one refresh within the tab, and re-reads the stored
 * tokens first, which leaves only a narrow race between tabs.
 */
async function withTabsLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(name, task) : task();
}

/** Thrown by a refresh whose sign-in another tab ended (signed out, or signed in as someone else). */
class SignedOutElsewhereError extends Error {
  constructor() {
    super('The session ended in another tab');
  }
}

/** Whether the API answered that the account is deactivated (403 ACCOUNT_DISABLED, R-AUTH-2). */
export function isAccountDisabled(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse) || error.status !== 403) return false;
  // Calls that expect text (a 204) get the error body as JSON text.
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return false;
    }
  }
  return (
    typeof body === 'object' && body !== null && 'code' in body && body.code === 'ACCOUNT_DISABLED'
  );
}

/**
 * A refresh that failed without an answer about the token (no connection, rate limit, server trouble):
 * the sign-in may still be good, so it is kept and the request fails like any other.
 */
export function isTransientFailure(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    (error.status === 0 || error.status === 429 || error.status >= 500)
  );
}

/** Who is signed in, as signals; the only place that talks to the auth endpoints about tokens. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly session = signal<Session | null>(readStoredSession());
  private refreshing: Promise<string> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);

  constructor() {
    const followOtherTab = (event: StorageEvent) => this.followOtherTab(event);
    window.addEventListener('storage', followOtherTab);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', followOtherTab));
  }

  async login(login: string, password: string): Promise<UserDto> {
    return this.start(await this.authApi.login({ body: { login, password } }, bypassAuth()));
  }

  /** Starts a session from the tokens that login and verify-email answer with. */
  start(tokens: TokensDto): UserDto {
    this.save({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      user: tokens.user,
    });
    return tokens.user;
  }

  /**
   * A new access token. Refresh tokens are single-use and presenting a rotated one revokes the whole
   * sign-in (R-AUTH-2), so there is one refresh at a time: parallel 401s of this tab share one, and the
   * tabs take turns under a lock (R-AUTH-7).
   */
  refresh(): Promise<string> {
    this.refreshing ??= this.refreshUnderLock().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async logout(): Promise<void> {
    const refreshToken = this.session()?.refreshToken;
    this.end('signed-out');
    await this.leave('signed-out');
    // Revoking is best effort: the tokens are already forgotten here.
    if (refreshToken)
      await this.authApi.logout({ body: { refreshToken } }, bypassAuth()).catch(() => undefined);
  }

  /** The refresh failed: the sign-in is over; the login page says so and comes back here after. */
  expire(): void {
    if (!this.session()) return;
    this.end('expired');
    void this.leave('expired');
  }

  /** The API answered ACCOUNT_DISABLED: the sign-in is over, and a page (not a toast) says why. */
  accountDisabled(): void {
    if (this.session()) this.end('disabled');
    void this.leave('disabled');
  }

  /**
   * Inside the lock the stored tokens are read again: when another tab rotated them while this one
   * waited (or before its `storage` event arrived), they are this tab's too and nothing is refreshed.
   * A refresh the API refused ends the session, with the page that says why.
   */
  private async refreshUnderLock(): Promise<string> {
    const mine = this.session();
    if (!mine) throw new Error('Not signed in');
    try {
      return await withTabsLock(REFRESH_LOCK, async () => {
        const stored = readStoredSession();
        if (stored?.refreshToken !== mine.refreshToken) {
          this.adoptStored();
          if (stored?.user.id !== mine.user.id) throw new SignedOutElsewhereError();
          return stored.accessToken;
        }
        const tokens = await this.authApi.refresh(
          { body: { refreshToken: mine.refreshToken } },
          bypassAuth(),
        );
        this.start(tokens);
        return tokens.accessToken;
      });
    } catch (error) {
      if (isAccountDisabled(error)) this.accountDisabled();
      else if (!(error instanceof SignedOutElsewhereError) && !isTransientFailure(error))
        this.expire();
      throw error;
    }
  }

  /** Another tab signed in, refreshed or ended the session: this one follows. */
  private followOtherTab(event: StorageEvent): void {
    // `key` is null when the other tab cleared the whole storage.
    if (event.storageArea !== localStorage || (event.key !== STORAGE_KEY && event.key !== null))
      return;
    this.adoptStored();
  }

  /** Takes the stored session (another tab's doing) as this tab's, moving to the page that fits. */
  private adoptStored(): void {
    const before = this.session();
    const after = readStoredSession();
    this.session.set(after);
    if (before && !after) void this.leave(readSessionEnd());
    else if (after && after.user.id !== before?.user.id) void this.router.navigateByUrl('/');
  }

  /** Forgets the session here and, with the reason first, in every other tab. */
  private end(reason: SessionEnd): void {
    localStorage.setItem(ENDED_KEY, reason);
    this.save(null);
  }

  /** The page that tells why the session ended. */
  private leave(reason: SessionEnd): Promise<boolean> {
    switch (reason) {
      case 'disabled':
        return this.router.navigate(['/', ACCOUNT_DISABLED_PATH]);
      case 'expired':
        return this.router.navigate(['/login'], {
          queryParams: { reason: 'expired', returnUrl: this.router.url },
        });
      case 'signed-out':
        return this.router.navigateByUrl('/login');
    }
  }

  private save(session: Session | null): void {
    this.session.set(session);
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  }
}
