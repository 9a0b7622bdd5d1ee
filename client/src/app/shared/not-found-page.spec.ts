import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { readableText } from '../../testing/dom';
import { NotFoundPage } from './not-found-page';

describe('NotFoundPage', () => {
  let fixture: ComponentFixture<NotFoundPage>;
  const page = () => fixture.nativeElement as HTMLElement;
  const back = () => page().querySelector('a')!;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fixture = TestBed.createComponent(NotFoundPage);
  });

  it('says there is nothing at an unknown address, and leads to the start page', async () => {
    await fixture.whenStable();
    expect(page().querySelector('h1')!.textContent).toBe('Page not found');
    expect(readableText(page().querySelector('p'))).toContain('There is nothing at this address.');
    expect(readableText(back())).toBe('Go to the start page');
    expect(back().getAttribute('href')).toBe('/');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Vehicle Parking');
  });

  it('stands in for a missing thing on another page, with its own words and way back', async () => {
    fixture.componentRef.setInput('heading', 'Booking not found');
    fixture.componentRef.setInput('message', 'You have no booking at this address.');
    fixture.componentRef.setInput('backLink', '/bookings');
    fixture.componentRef.setInput('backLabel', 'My bookings');
    await fixture.whenStable();
    expect(page().querySelector('h1')!.textContent).toBe('Booking not found');
    expect(readableText(page().querySelector('p'))).toBe('You have no booking at this address.');
    expect(readableText(back())).toBe('My bookings');
    expect(back().getAttribute('href')).toBe('/bookings');
    expect(TestBed.inject(Title).getTitle()).toBe('Booking not found · Vehicle Parking');
  });
});
