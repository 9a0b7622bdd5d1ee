import { HttpContext, HttpContextToken } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
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

// localStorage, so a reload or a new tab stays signed in; the access token lives 15 minutes at most.
const STORAGE_KEY = 'parking.session';

function readStoredSession(): Session | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
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
   * A new access token. One refresh at a time: refresh tokens are single-use and presenting a rotated
   * one revokes the whole sign-in, so parallel 401s must share one refresh.
   */
  refresh(): Promise<string> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async logout(): Promise<void> {
    const refreshToken = this.session()?.refreshToken;
    this.save(null);
    await this.router.navigateByUrl('/login');
    // Revoking is best effort: the tokens are already forgotten here.
    if (refreshToken)
      await this.authApi.logout({ body: { refreshToken } }, bypassAuth()).catch(() => undefined);
  }

  /** The refresh failed: the sign-in is over; the login page says so and comes back here after. */
  expire(): void {
    if (!this.session()) return;
    const returnUrl = this.router.url;
    this.save(null);
    void this.router.navigate(['/login'], { queryParams: { reason: 'expired', returnUrl } });
  }

  private async rotate(): Promise<string> {
    const refreshToken = this.session()?.refreshToken;
    if (!refreshToken) throw new Error('Not signed in');
    const tokens = await this.authApi.refresh({ body: { refreshToken } }, bypassAuth());
    this.start(tokens);
    return tokens.accessToken;
  }

  private save(session: Session | null): void {
    this.session.set(session);
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  }
}
