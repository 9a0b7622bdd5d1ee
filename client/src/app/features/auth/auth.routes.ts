import { Routes } from '@angular/router';

export default [
  {
    path: 'login',
    title: 'Sign in',
    loadComponent: () => import('./pages/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Register',
    loadComponent: () => import('./pages/register-page').then((m) => m.RegisterPage),
  },
  {
    path: 'verify-email',
    title: 'Confirm your e-mail',
    loadComponent: () => import('./pages/verify-email-page').then((m) => m.VerifyEmailPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    loadComponent: () => import('./pages/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('./pages/reset-password-page').then((m) => m.ResetPasswordPage),
  },
] satisfies Routes;
