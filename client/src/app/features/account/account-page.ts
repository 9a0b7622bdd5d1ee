import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../../core/auth/auth-store';
import { injectAccountLinks } from '../../core/layout/nav-links';

/**
 * Who is signed in, the pages the phone's bottom bar has no room for, and signing out: the bottom bar's
 * Account, and the account menu's first entry on a wide screen.
 */
@Component({
  selector: 'app-account-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <div class="page page-narrow">
      <h1 class="page-title">Account</h1>
      @if (auth.user(); as user) {
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="facts">
              <dt>Username</dt>
              <dd>{{ user.username }}</dd>
              @if (user.fullName) {
                <dt>Name</dt>
                <dd>{{ user.fullName }}</dd>
              }
              <dt>E-mail</dt>
              <dd>{{ user.email }}</dd>
              <dt>Role</dt>
              <dd>{{ user.role === 'admin' ? 'Administrator' : 'Driver' }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
        <nav class="more" aria-label="More pages">
          @for (link of links(); track link.path) {
            <a mat-stroked-button [routerLink]="link.path">
              <mat-icon aria-hidden="true">{{ link.icon }}</mat-icon>{{ link.label }}
            </a>
          }
        </nav>
        <button mat-flat-button type="button" (click)="auth.logout()">
          <mat-icon aria-hidden="true">logout</mat-icon>Sign out
        </button>
      }
    </div>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 16px;
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .more {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      margin: 16px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly auth = inject(AuthStore);
  protected readonly links = injectAccountLinks();
}
