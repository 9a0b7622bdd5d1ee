import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthApi } from '../../../api/services';
import { Notifier } from '../../../core/errors/notifier';
import { fieldError } from '../../../shared/forms/field-error';
import { injectFormSubmit } from '../../../shared/forms/form-submit';
import { passwordRule, usernameRule } from '../../../shared/forms/validators';
import { AUTH_PAGE_IMPORTS } from '../auth-page-imports';

@Component({
  selector: 'app-register-page',
  imports: [...AUTH_PAGE_IMPORTS],
  templateUrl: './register-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPage {
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly fieldError = fieldError;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    username: ['', [Validators.required, usernameRule]],
    fullName: ['', Validators.maxLength(100)],
    password: [
      '',
      [Validators.required, Validators.minLength(8), Validators.maxLength(128), passwordRule],
    ],
  });
  protected readonly submit = injectFormSubmit(this.form);

  protected register(): void {
    void this.submit.run(async () => {
      const { email, username, fullName, password } = this.form.getRawValue();
      const user = await this.authApi.register({
        body: {
          email: email.trim(),
          username: username.trim(),
          password,
          ...(fullName.trim() ? { fullName: fullName.trim() } : {}),
        },
      });
      this.notifier.success(`We sent a 6-digit code to ${user.email}`);
      await this.router.navigate(['/verify-email'], { queryParams: { email: user.email } });
    });
  }
}
