import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { CodeField } from '../../shared/forms/code-field';
import { PasswordField } from '../../shared/forms/password-field';

/** What every auth page's template uses: a card holding a labelled Material form. */
export const AUTH_PAGE_IMPORTS = [
  ReactiveFormsModule,
  RouterLink,
  MatCardModule,
  MatFormFieldModule,
  MatInputModule,
  MatButtonModule,
  MatProgressBarModule,
  PasswordField,
  CodeField,
] as const;

/** Where to go after signing in: the page that sent the user to the login, if it is one of ours. */
export function safeReturnUrl(returnUrl: string | undefined, fallback: string): string {
  return returnUrl?.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : fallback;
}
