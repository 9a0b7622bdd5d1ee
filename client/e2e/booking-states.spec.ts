import { randomUUID } from 'node:crypto';
import { expect, expectAccessible, signIn, snap, test, uniqueTag } from './support/fixtures';

// A parked car's booking on its own page: release asks first and says what it costs, the pay dialog
// explains the bill, a review is asked once; an unknown or malformed booking address is "not found".
test('a driver opens a booking from its card, releases it after the confirmation, pays later, reviews it once; unknown and malformed booking addresses show the not-found page', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E States ${tag}`;
  // 6.00 an hour is 0.10 a minute: a stay of n started minutes costs n × 0.10 (R-PRICE-2).
  const lotId = await seed.createLot({
    name: lotName,
    address: '3 Test Street',
    pricePerHourCents: 600,
    capacity: 2,
  });
  const driver = await seed.driver(`states_${tag.toLowerCase()}`);
  const booking = await seed.park(driver, lotId, `ST${tag}`);

  await test.step('sign in; the card counts the minute under way', async () => {
    await signIn(page, driver.username, driver.password);
    await expect(page).toHaveURL(/\/lots$/);
    await page.goto('/bookings');
    const card = page.getByTestId('active-booking');
    // Started minutes, as billed: "1 min" in the first minute, never "0 min".
    await expect(card.getByTestId('parked-since')).toContainText(/ · [1-9]\d* min\s*$/);
    await card
      .getByRole('link', { name: `Details: ${lotName}, spot ${booking.spotNumber}` })
      .click();
  });

  await test.step('the booking page: its state and Release', async () => {
    await expect(page).toHaveURL(new RegExp(`/bookings/${booking.id}$`));
    await expect(page.getByRole('heading', { name: `Booking at ${lotName}` })).toBeVisible();
    await expect(page.getByTestId('booking-status')).toHaveText('Parked now');
    await expect(page.getByTestId('running-cost')).toHaveText(/^\$\d+\.\d0$/);
    await expectAccessible(page);
    await snap(page, 'booking-detail');
  });

  await test.step('Release asks first and says what it costs; keeping the spot changes nothing', async () => {
    await page.getByRole('button', { name: 'Release spot' }).click();
    const confirm = page.getByRole('dialog', { name: `Release spot ${booking.spotNumber}?` });
    await expect(confirm).toContainText(
      /Releasing now costs \$\d+\.\d0, billed per started minute at \$6\.00\/h\./,
    );
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('booking-status')).toHaveText('Parked now');
  });

  await test.step('release; the pay dialog tells how long the car stayed and why it costs that', async () => {
    await page.getByRole('button', { name: 'Release spot' }).click();
    await page
      .getByRole('dialog', { name: /^Release spot/ })
      .getByRole('button', { name: 'Release spot' })
      .click();
    const pay = page.getByRole('dialog', { name: /^Pay / });
    await expect(pay.getByTestId('stay')).toContainText(/Stayed \d+ min · /);
    const minutes = Number(/Stayed (\d+) min/.exec(await pay.getByTestId('stay').innerText())![1]);
    const cost = `$${(minutes / 10).toFixed(2)}`;
    await expect(pay.getByRole('heading')).toHaveText(`Pay ${cost}`);
    await expect(pay.getByTestId('cost-explanation')).toHaveText(
      `${minutes} min at $6.00/h, billed per started minute = ${cost}`,
    );
    await expectAccessible(page);
    await snap(page, 'pay-dialog-explained');
    await pay.getByRole('button', { name: 'Later' }).click();
    await expect(page.getByTestId('booking-status')).toHaveText('Completed');
    await expect(page.getByTestId('final-cost')).toHaveText(/\$\d+\.\d0 · not paid yet/);
  });

  await test.step('the review needs a star; once sent, Review is gone', async () => {
    await page.getByRole('button', { name: `Review ${lotName}` }).click();
    const review = page.getByRole('dialog', { name: `Review ${lotName}` });
    const stars = review.getByRole('radiogroup', { name: 'Your rating' });
    await expect(stars.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(review.getByRole('button', { name: 'Send review' })).toBeDisabled();
    await expect(review).toContainText('Choose 1 to 5 stars to send your review.');
    await expectAccessible(page);
    await stars.getByRole('radio', { name: '5 stars' }).click();
    await review.getByRole('button', { name: 'Send review' }).click();
    await expect(page.getByText('Thanks for your review')).toBeVisible();
    await expect(page.getByRole('button', { name: `Review ${lotName}` })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('booking-status')).toHaveText('Completed');
    await expect(page.getByRole('button', { name: `Review ${lotName}` })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Pay' })).toBeVisible();
  });

  await test.step('an unknown booking and a malformed address both show the not-found page', async () => {
    for (const address of [`/bookings/${randomUUID()}`, '/bookings/not-a-booking']) {
      await page.goto(address);
      await expect(page.getByRole('heading', { name: 'Booking not found' })).toBeVisible();
      await expect(page.getByText('The id must be a UUID')).toHaveCount(0);
    }
    await expectAccessible(page);
  });
});
