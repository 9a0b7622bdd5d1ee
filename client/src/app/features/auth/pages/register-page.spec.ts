import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { driver, errorBody, settle } from '../../../../testing/api-fixtures';
import { fieldInput, typeInto } from '../../../../testing/dom';
import { RegisterPage } from './register-page';

@Component({ template: '' })
class Blank {}

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let http: HttpTestingController;
  let page: HTMLElement;

  const input = (label: string) => fieldInput(page, label);
  const type = (label: string, value: string) => typeInto(page, label, value);
  const errors = () => [...page.querySelectorAll('mat-error')].map((e) => e.textContent!.trim());
  const submit = async () => {
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [RegisterPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RegisterPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('labels every field', () => {
    const labels = [...page.querySelectorAll('mat-label')].map((l) => l.textContent!.trim());
    expect(labels).toEqual(['E-mail', 'Username', 'Full name (optional)', 'Password']);
  });

  it('shows what is missing when submitted empty, and sends nothing', async () => {
    await submit();
    expect(errors()).toEqual([
      'E-mail is required',
      'Username is required',
      'Password is required',
    ]);
    http.expectNone('/api/auth/register');
  });

  it('explains each rule the input breaks', async () => {
    type('E-mail', 'not-an-address');
    type('Username', 'a!');
    type('Password', 'lettersonly');
    await submit();
    expect(errors()).toEqual([
      'Enter a valid e-mail address',
      'Use 3–32 letters, digits, "_", "." or "-"',
      'Use at least one letter and one digit',
    ]);
    type('Password', 'a1');
    await fixture.whenStable();
    expect(errors()).toContain('Password must be at least 8 characters');
  });

  it("registers, then shows the API's field errors next to their fields", async () => {
    type('E-mail', 'jane@example.com');
    type('Username', 'jane');
    type('Password', 'secret123');
    await submit();

    const req = http.expectOne('/api/auth/register');
    expect(req.request.body).toEqual({
      email: 'jane@example.com',
      username: 'jane',
      password: 'secret123',
    });
    req.flush(
      errorBody(400, 'VALIDATION_FAILED', 'Invalid input — username: username is reserved', [
        { field: 'username', errors: ['username is reserved'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    await fixture.whenStable();
    expect(errors()).toEqual(['username is reserved']);
    expect(input('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('goes on to the code page with the address once registered', async () => {
    const router = TestBed.inject(Router);
    type('E-mail', 'jane@example.com');
    type('Username', 'jane');
    type('Password', 'secret123');
    await submit();
    http.expectOne('/api/auth/register').flush(driver, { status: 201, statusText: 'Created' });
    await settle();
    await fixture.whenStable();
    expect(router.url).toBe('/verify-email?email=jane@example.com');
  });
});
