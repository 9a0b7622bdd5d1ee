import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { AUTH_PAGE_IMPORTS, safeReturnUrl } from '../auth-page-imports';

@Component({
  selector: 'app-login-page',
  imports: [...AUTH_PAGE_IMPORTS],
  templateUrl: './login-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** Query parameters: where to go back to, and why the user was sent here. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submit = injectFormSubmit(this.form);

  protected signIn(): void {
    const { login, password } = this.form.getRawValue();
    void this.submit.run(
      async () => {
        const user = await this.auth.login(login.trim(), password);
        await this.router.navigateByUrl(
          safeReturnUrl(this.returnUrl(), user.role === 'admin' ? '/admin' : '/lots'),
        );
      },
      (problem) => {
        if (problem.code === 'ACCOUNT_DISABLED') {
          this.auth.accountDisabled();
          return true;
        }
        // An unverified account finishes its registration on the code page, which can resend a code.
        // The API tells the address (also to a login by username) once the password matched.
        const email = problem.details?.['email'];
        if (problem.code === 'EMAIL_NOT_VERIFIED' && typeof email === 'string') {
          void this.router.navigate(['/verify-email'], {
            queryParams: { email, reason: 'unverified' },
          });
          return true;
        }
        return false;
      },
    );
  }
}
