import { Component, inject, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { injectQueryWriter } from './url-query';

@Component({ template: '<h1>Find parking</h1>' })
class ListPage {
  readonly writeQuery = injectQueryWriter();
}

@Component({ template: '<h1>A lot</h1>' })
class LotPage {}

describe('injectQueryWriter: page state in the URL', () => {
  let harness: RouterTestingHarness;
  let router: Router;
  let list: ListPage;
  /** The lot page's code arrives when the test says so, as a lazy chunk over a slow network. */
  let deliverLotPage: (page: Type<unknown>) => void;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'lots', component: ListPage },
          {
            path: 'lots/:id',
            loadComponent: () => new Promise<Type<unknown>>((done) => (deliverLotPage = done)),
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
    list = await harness.navigateByUrl('/lots', ListPage);
  });

  it('merges into the query, drops empty values, and replaces the history entry', async () => {
    const navigate = vi.spyOn(router, 'navigate');
    await list.writeQuery({ search: 'central', page: 2 });
    expect(router.url).toBe('/lots?search=central&page=2');
    await list.writeQuery({ search: '', page: null });
    expect(router.url).toBe('/lots');
    expect(navigate.mock.calls.map(([, extras]) => extras?.replaceUrl)).toEqual([true, true]);
    await list.writeQuery({ page: 3 }, { push: true });
    expect(navigate.mock.calls[2][1]).toMatchObject({ replaceUrl: false, scroll: 'manual' });
  });

  it('writes nothing while the user is on the way to another page, so that move goes ahead', async () => {
    const leaving = router.navigateByUrl('/lots/42');
    await new Promise((resolve) => setTimeout(resolve)); // the router is now loading the page
    expect(router.currentNavigation()).not.toBeNull();
    expect(await list.writeQuery({ search: 'central' })).toBe(false);
    deliverLotPage(LotPage);
    expect(await leaving).toBe(true);
    expect(router.url).toBe('/lots/42');
  });
});
