import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router, RouterLink, RouterOutlet } from '@angular/router';
import { HeadingFocus } from './heading-focus';

@Component({
  template: `<h1>Find parking</h1>
    <button type="button">Search</button>`,
})
class LotsPage {}

@Component({ template: `<h1>My bookings</h1>` })
class BookingsPage {}

/** A page that shows its heading only once its data came (a lot's page). */
@Component({
  template: `@if (loaded()) {
      <h1>Central Garage</h1>
    } @else {
      <p>Loading…</p>
    }`,
})
class SlowPage {
  static readonly loaded = signal(false);
  protected readonly loaded = SlowPage.loaded;
}

@Component({
  imports: [RouterOutlet, RouterLink, HeadingFocus],
  template: `
    <nav><a routerLink="/bookings">My bookings</a></nav>
    <main tabindex="-1" appHeadingFocus><router-outlet /></main>
  `,
})
class Shell {}

describe('HeadingFocus: the focus on the page heading after a move', () => {
  let fixture: ComponentFixture<Shell>;
  let router: Router;

  const heading = () => fixture.nativeElement.querySelector('h1') as HTMLElement;
  const go = async (url: string) => {
    await router.navigateByUrl(url);
    await fixture.whenStable();
  };

  beforeEach(async () => {
    SlowPage.loaded.set(false);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'lots', component: LotsPage },
          { path: 'bookings', component: BookingsPage },
          // Lazily loaded, as every page of the app is.
          { path: 'lots/:id/book', loadComponent: () => Promise.resolve(SlowPage) },
        ]),
      ],
    });
    fixture = TestBed.createComponent(Shell);
    router = TestBed.inject(Router);
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  it('leaves the first page of a visit alone: there is no focus to move from', async () => {
    await go('/lots');
    expect(document.activeElement).toBe(document.body);
  });

  it("moves the focus to the new page's h1, focusable by script only", async () => {
    await go('/lots');
    const link = fixture.nativeElement.querySelector('nav a') as HTMLAnchorElement;
    link.focus();
    link.click();
    await fixture.whenStable();
    expect(router.url).toBe('/bookings');
    expect(document.activeElement).toBe(heading());
    expect(heading().textContent).toBe('My bookings');
    expect(heading().getAttribute('tabindex')).toBe('-1');
  });

  it('waits for a lazily loaded page that shows its heading once its data came', async () => {
    await go('/lots');
    await go('/lots/42/book');
    expect(heading()).toBeNull();
    SlowPage.loaded.set(true);
    await fixture.whenStable();
    await Promise.resolve(); // the mutation observer's turn
    expect(document.activeElement).toBe(heading());
    expect(heading().textContent).toBe('Central Garage');
  });

  it('does not move the focus when only the query changes (a search typed)', async () => {
    await go('/lots');
    const search = fixture.nativeElement.querySelector('button') as HTMLButtonElement;
    search.focus();
    await go('/lots?search=central');
    expect(document.activeElement).toBe(search);
  });

  it('leaves the focus where the user put it while the page was loading', async () => {
    await go('/lots');
    await go('/lots/42/book');
    const link = fixture.nativeElement.querySelector('nav a') as HTMLAnchorElement;
    link.focus();
    SlowPage.loaded.set(true);
    await fixture.whenStable();
    await Promise.resolve();
    expect(document.activeElement).toBe(link);
  });
});
