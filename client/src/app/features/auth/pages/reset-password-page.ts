import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { codeRule, passwordRule } from '../../../shared/forms/validators';
import { AUTH_PAGE_IMPORTS } from '../auth-page-imports';

@Component({
  selector: 'app-reset-password-page',
  imports: [...AUTH_PAGE_IMPORTS],
  templateUrl: './reset-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  /** Query parameter: the address the code was sent to. */
  readonly email = input<string>();

  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    code: ['', [Validators.required, codeRule]],
    newPassword: [
      '',
      [Validators.required, Validators.minLength(8), Validators.maxLength(128), passwordRule],
    ],
  });
  protected readonly submit = injectFormSubmit(this.form);

  constructor() {
    effect(() => {
      const email = this.email();
      if (email) this.form.controls.email.setValue(email);
    });
  }

  protected reset(): void {
    void this.submit.run(async () => {
      const { email, code, newPassword } = this.form.getRawValue();
      await this.authApi.resetPassword({
        body: { email: email.trim(), code: code.trim(), newPassword },
      });
      this.notifier.success('Password changed. Sign in with the new one.');
      await this.router.navigateByUrl('/login');
    });
  }
}
