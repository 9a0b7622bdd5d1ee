import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LotDto } from '../../../api/models';
import { lot } from '../../../../testing/api-fixtures';
import { LotCard } from './lot-card';

describe('LotCard', () => {
  let fixture: ComponentFixture<LotCard>;
  let card: HTMLElement;

  const text = (selector: string) =>
    card.querySelector(selector)?.textContent!.replace(/\s+/g, ' ').trim();
  const parkNow = () =>
    [...card.querySelectorAll<HTMLElement>('a, button')].find(
      (action) => action.textContent!.trim() === 'Park now',
    )!;

  async function show(shown: Partial<LotDto>) {
    fixture.componentRef.setInput('lot', { ...lot, ...shown });
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [LotCard], providers: [provideRouter([])] });
    fixture = TestBed.createComponent(LotCard);
    card = fixture.nativeElement;
  });

  it('counts the spots park now can take, and tells apart the free ones reserved soon', async () => {
    await show({ available: 12, parkNowSpots: 10 });
    expect(text('[data-testid=availability]')).toBe('12 of 20 spots free');
    expect(text('[data-testid=park-now-count]')).toBe('10 spots free to park now');
    expect(text('.park-now')).toContain('· 2 more reserved soon');
    expect(parkNow().tagName).toBe('A');
    expect(parkNow().getAttribute('href')).toBe(`/lots/${lot.id}/book?mode=now`);
    // The count describes the button to a screen reader.
    const described = card.querySelector(`#${parkNow().getAttribute('aria-describedby')}`)!;
    expect(described.textContent).toContain('10 spots free to park now');

    await show({ available: 1, parkNowSpots: 1 });
    expect(text('[data-testid=park-now-count]')).toBe('1 spot free to park now');
    expect(text('.park-now')).not.toContain('reserved soon');
  });

  it('disables Park now when park now can take no spot, though spots are free', async () => {
    await show({ available: 3, parkNowSpots: 0 });
    expect(text('[data-testid=park-now-count]')).toBe('No spot free to park now');
    expect(text('.park-now')).toContain('· 3 more reserved soon');
    const button = parkNow();
    expect(button.tagName).toBe('BUTTON');
    // Still focusable, so a screen reader reaches it and hears why.
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Park now at Central Garage');
    expect(button.getAttribute('aria-describedby')).toBe(`park-now-${lot.id}`);
    // Reserving stays possible.
    expect(card.querySelector(`a[aria-label="Reserve at Central Garage"]`)).not.toBeNull();
  });

  it('offers no booking to an admin', async () => {
    fixture.componentRef.setInput('canBook', false);
    await show({});
    expect(card.querySelector('mat-card-actions')).toBeNull();
    expect(text('[data-testid=park-now-count]')).toBe('10 spots free to park now');
  });
});
