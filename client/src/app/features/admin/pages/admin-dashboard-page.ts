import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';

/** Placeholder until the admin pages (charts, lots, spots, users, bookings, jobs) land. */
@Component({
  selector: 'app-admin-dashboard-page',
  imports: [RouterLink, MatButtonModule, MatCardModule],
  template: `
    <div class="page">
      <h1 class="page-title">Admin dashboard</h1>
      <mat-card appearance="outlined">
        <mat-card-content>
          <p>Signed in as {{ auth.user()?.email }}.</p>
          <p class="muted">
            Charts, lot management, users, all bookings and job triggers come here.
          </p>
        </mat-card-content>
        <mat-card-actions>
          <a mat-button routerLink="/lots">See the lots</a>
        </mat-card-actions>
      </mat-card>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminDashboardPage {
  protected readonly auth = inject(AuthStore);
}
