import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthApi } from '../../../api/services';
import { AuthStore } from '../../../core/auth/auth-store';
import { Notifier } from '../../../core/errors/notifier';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { codeRule } from '../../../shared/forms/validators';
import { AUTH_PAGE_IMPORTS } from '../auth-page-imports';

/** The last step of registering: the e-mailed code signs the driver in (verify answers with tokens). */
@Component({
  selector: 'app-verify-email-page',
  imports: [...AUTH_PAGE_IMPORTS],
  templateUrl: './verify-email-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPage {
  /** Query parameters: the address the code was sent to, and why the user was sent here. */
  readonly email = input<string>();
  readonly reason = input<string>();

  private readonly authApi = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    code: ['', [Validators.required, codeRule]],
  });
  protected readonly submit = injectFormSubmit(this.form);
  protected readonly resend = injectFormSubmit(this.form.controls.email);

  constructor() {
    effect(() => {
      const email = this.email();
      if (email) this.form.controls.email.setValue(email);
    });
  }

  protected verify(): void {
    void this.submit.run(async () => {
      const { email, code } = this.form.getRawValue();
      this.auth.start(
        await this.authApi.verifyEmail({ body: { email: email.trim(), code: code.trim() } }),
      );
      this.notifier.success('E-mail confirmed. Welcome!');
      await this.router.navigateByUrl('/lots');
    });
  }

  protected resendCode(): void {
    void this.resend.run(async () => {
      await this.authApi.resendCode({ body: { email: this.form.controls.email.value.trim() } });
      this.notifier.success('A new code is on its way');
    });
  }
}
