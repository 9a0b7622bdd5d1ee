import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';

/**
 * Where a deactivated account lands (R-AUTH-7): the session is already over, so instead of pages of
 * stale data or a toast, this says what happened and what the driver can do.
 */
@Component({
  selector: 'app-account-disabled-page',
  imports: [RouterLink, MatCardModule, MatButtonModule],
  templateUrl: './account-disabled-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountDisabledPage {}
