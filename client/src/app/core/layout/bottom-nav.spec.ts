import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { admin, tokens } from '../../../testing/api-fixtures';
import { readableText } from '../../../testing/dom';
import { AuthStore } from '../auth/auth-store';
import { BottomNav } from './bottom-nav';

@Component({ template: '' })
class Blank {}

describe('BottomNav: the phone navigation', () => {
  let fixture: ComponentFixture<BottomNav>;
  let router: Router;

  const items = () => [...fixture.nativeElement.querySelectorAll('a')] as HTMLAnchorElement[];
  const current = () => items().filter((item) => item.getAttribute('aria-current') === 'page');
  const go = async (url: string) => {
    await router.navigateByUrl(url);
    await fixture.whenStable();
  };

  function show(user = tokens('a', 'r')) {
    TestBed.inject(AuthStore).start(user);
    fixture = TestBed.createComponent(BottomNav);
    router = TestBed.inject(Router);
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: Blank }])],
    });
  });

  it('gives a driver Find parking, My bookings, Stats and Account, and marks the current one', async () => {
    show();
    await go('/bookings');
    expect(fixture.nativeElement.querySelector('nav').getAttribute('aria-label')).toBe('Main');
    expect(items().map((item) => readableText(item))).toEqual([
      'Find parking',
      'My bookings',
      'Stats',
      'Account',
    ]);
    expect(items().map((item) => item.getAttribute('href'))).toEqual([
      '/lots',
      '/bookings',
      '/stats',
      '/account',
    ]);
    expect(current().map((item) => readableText(item))).toEqual(['My bookings']);

    // A lot's page belongs to Find parking; the export, reached from Account, to Account.
    await go('/lots/0b8e8f34-0000-4000-8000-0000000000aa/book?mode=now');
    expect(current().map((item) => readableText(item))).toEqual(['Find parking']);
    await go('/export');
    expect(current().map((item) => readableText(item))).toEqual(['Account']);
  });

  it('gives an admin the dashboard, lots, users, bookings and Account', async () => {
    show(tokens('a', 'r', admin));
    await go('/admin/lots/0b8e8f34-0000-4000-8000-0000000000aa');
    expect(items().map((item) => readableText(item))).toEqual([
      'Dashboard',
      'Lots',
      'Users',
      'Bookings',
      'Account',
    ]);
    expect(current().map((item) => readableText(item))).toEqual(['Lots']);
    // The dashboard is the parent of every admin page, but current only on its own.
    await go('/admin');
    expect(current().map((item) => readableText(item))).toEqual(['Dashboard']);
    await go('/admin/jobs');
    expect(current().map((item) => readableText(item))).toEqual(['Account']);
  });
});
