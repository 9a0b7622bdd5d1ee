import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { readableText } from '../../../../testing/dom';
import { AccountDisabledPage } from './account-disabled-page';

describe('AccountDisabledPage', () => {
  it('says what happened, whom to contact, and leads back to sign in', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AccountDisabledPage);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;

    expect(readableText(page.querySelector('h1'))).toBe('Your account is disabled');
    const text = readableText(page);
    expect(text).toContain('An administrator has deactivated this account');
    expect(text).toContain('contact the parking operator that runs this portal');
    const back = page.querySelector('a')!;
    expect(readableText(back)).toBe('Back to sign in');
    expect(back.getAttribute('href')).toBe('/login');
  });
});
