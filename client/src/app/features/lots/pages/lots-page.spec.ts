import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LotDto, LotPage } from '../../../api/models';
import { lot, settle } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { routedAsDriver } from '../../../../testing/routed-page';
import { LotsPage } from './lots-page';

@Component({ template: '<h1>A lot</h1>' })
class LotPageStandIn {}

/** Typing is sent once the driver pauses (300 ms). */
const waitForDebounce = () => new Promise((resolve) => setTimeout(resolve, 350));

describe('LotsPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let router: Router;

  const page = () => harness.routeNativeElement!;
  const text = () => readableText(page());
  const searchBox = () => page().querySelector<HTMLInputElement>('input[type=search]')!;
  const lotsRequest = () => http.expectOne((req) => req.url === '/api/lots');
  const answer = async (request: TestRequest, items: LotDto[], total = items.length) => {
    request.flush({ items, page: 1, pageSize: 12, total } as LotPage);
    await settle();
    await harness.fixture.whenStable();
  };
  const type = async (value: string) => {
    searchBox().value = value;
    searchBox().dispatchEvent(new Event('input'));
    await waitForDebounce();
    await harness.fixture.whenStable();
  };

  beforeEach(async () => {
    ({ harness, http, router } = await routedAsDriver([
      { path: 'lots', component: LotsPage },
      { path: 'lots/:lotId/book', component: LotPageStandIn },
    ]));
  });

  afterEach(() => http.verify());

  it('says there are no lots yet, not that none matches, before any search', async () => {
    await harness.navigateByUrl('/lots', LotsPage);
    const request = lotsRequest();
    expect(request.request.params.has('search')).toBe(false);
    await answer(request, []);
    expect(text()).toContain('There are no parking lots yet.');
    expect(text()).not.toContain('matches');
  });

  it('after a search that finds nothing, names the search and offers every lot again', async () => {
    await harness.navigateByUrl('/lots', LotsPage);
    await answer(lotsRequest(), [lot]);

    await type('Nowhere Street');
    expect(router.url).toBe('/lots?search=Nowhere%20Street');
    const searched = lotsRequest();
    expect(searched.request.params.get('search')).toBe('Nowhere Street');
    await answer(searched, []);
    const empty = page().querySelector('[data-testid=lots-empty]')!;
    expect(readableText(empty)).toContain('No lot matches “Nowhere Street”.');
    expect(text()).not.toContain('no parking lots yet');

    empty.querySelector<HTMLButtonElement>('button')!.click();
    await harness.fixture.whenStable();
    expect(router.url).toBe('/lots');
    expect(searchBox().value).toBe('');
    expect(lotsRequest().request.params.has('search')).toBe(false);
  });

  it('keeps the search in the URL without a history entry per pause, so a reload shows the same list', async () => {
    await harness.navigateByUrl('/lots', LotsPage);
    await answer(lotsRequest(), [lot]);
    const navigate = vi.spyOn(router, 'navigate');
    await type('central');
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate.mock.calls[0][1]).toMatchObject({ replaceUrl: true });
    await answer(lotsRequest(), [lot]);
    const url = router.url;
    expect(url).toBe('/lots?search=central');

    // Away to a lot, then the same address again (a reload, or Back): a new page, the same state.
    await harness.navigateByUrl(`/lots/${lot.id}/book`);
    await harness.navigateByUrl(url, LotsPage);
    const again = lotsRequest();
    expect(again.request.params.get('search')).toBe('central');
    expect(again.request.params.get('page')).toBe('1');
    await answer(again, [lot]);
    expect(searchBox().value).toBe('central');
    expect(text()).toContain('1 lot found for “central”');
  });

  it('reads the page from the URL, and a link to plain /lots clears the search', async () => {
    await harness.navigateByUrl('/lots?search=garage&page=2', LotsPage);
    const second = lotsRequest();
    expect(second.request.params.get('search')).toBe('garage');
    expect(second.request.params.get('page')).toBe('2');
    await answer(second, [lot], 13);
    expect(searchBox().value).toBe('garage');

    // The navigation's "Find parking" leads to /lots: the same page, every lot.
    await harness.navigateByUrl('/lots', LotsPage);
    const all = lotsRequest();
    expect(all.request.params.has('search')).toBe(false);
    expect(all.request.params.get('page')).toBe('1');
    await answer(all, [lot]);
    expect(searchBox().value).toBe('');
  });
});
