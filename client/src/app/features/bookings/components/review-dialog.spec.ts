import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { parkedBooking } from '../../../../testing/api-fixtures';
import { readableText } from '../../../../testing/dom';
import { ReviewDialog } from './review-dialog';

describe('ReviewDialog', () => {
  const close = vi.fn();
  let dialog: HTMLElement;
  let stable: () => Promise<void>;

  const send = () =>
    [...dialog.querySelectorAll<HTMLButtonElement>('button')].find(
      (button) => button.textContent!.trim() === 'Send review',
    )!;
  const star = (name: string) => dialog.querySelector<HTMLButtonElement>(`[aria-label="${name}"]`)!;

  beforeEach(async () => {
    close.mockReset();
    TestBed.configureTestingModule({
      imports: [ReviewDialog],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { ...parkedBooking, status: 'completed' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(ReviewDialog);
    dialog = fixture.nativeElement;
    stable = () => fixture.whenStable();
    await stable();
  });

  it('opens with no star chosen and cannot be sent without one, saying so at the stars', async () => {
    const radios = [...dialog.querySelectorAll('[role=radio]')];
    expect(radios.map((radio) => radio.getAttribute('aria-label'))).toEqual([
      '1 star',
      '2 stars',
      '3 stars',
      '4 stars',
      '5 stars',
    ]);
    expect(radios.map((radio) => radio.getAttribute('aria-checked'))).toEqual(
      Array(5).fill('false'),
    );
    expect(send().disabled).toBe(true);
    expect(readableText(dialog.querySelector('[data-testid=rating-hint]'))).toBe(
      'Choose 1 to 5 stars to send your review.',
    );
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'));
    await stable();
    expect(close).not.toHaveBeenCalled();
  });

  it('is a radio group labelled by its question and described by the hint', () => {
    const group = dialog.querySelector('[role=radiogroup]')!;
    const label = dialog.querySelector(`#${group.getAttribute('aria-labelledby')}`);
    expect(readableText(label)).toBe('Your rating');
    expect(group.getAttribute('aria-describedby')).toBe('rating-hint');
  });

  it('can be sent once a star is chosen, with that rating and the comment', async () => {
    star('4 stars').click();
    await stable();
    expect(star('4 stars').getAttribute('aria-checked')).toBe('true');
    expect(send().disabled).toBe(false);
    expect(readableText(dialog.querySelector('[data-testid=rating-hint]'))).toBe('4 of 5 stars');
    const comment = dialog.querySelector('textarea')!;
    comment.value = '  Easy to find  ';
    comment.dispatchEvent(new Event('input'));
    send().click();
    await stable();
    expect(close).toHaveBeenCalledWith({ rating: 4, comment: 'Easy to find' });
  });
});
