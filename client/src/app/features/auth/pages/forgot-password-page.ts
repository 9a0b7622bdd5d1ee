import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { AUTH_PAGE_IMPORTS } from '../auth-page-imports';

@Component({
  selector: 'app-forgot-password-page',
  imports: [...AUTH_PAGE_IMPORTS],
  templateUrl: './forgot-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly submit = injectFormSubmit(this.form);

  protected sendCode(): void {
    void this.submit.run(async () => {
      const email = this.form.controls.email.value.trim();
      await this.authApi.forgotPassword({ body: { email } });
      // The API answers alike whether or not the account exists, and so do we.
      this.notifier.success(`If ${email} has an account, a code is on its way`);
      await this.router.navigate(['/reset-password'], { queryParams: { email } });
    });
  }
}
