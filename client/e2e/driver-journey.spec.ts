import { readFileSync } from 'node:fs';
import {
  canvasHasInk,
  expect,
  expectAccessible,
  mailedCode,
  snap,
  test,
  uniqueTag,
} from './support/fixtures';

/** A moment as the browser (Europe/Berlin, playwright.config.ts) fills a datetime-local input. */
const berlinInputValue = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(date)
    .replace(' ', 'T');

// One driver's day, in order: each step needs the one before, so this is one test of many steps.
test('a driver registers, confirms the e-mailed code, parks, sees the running cost, releases, pays, exports, sees stats and reserves instead at a full lot', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const email = `driver-${tag.toLowerCase()}@example.com`;
  const lotName = `E2E Garage ${tag}`;
  const vehicle = `E2E ${tag.slice(0, 4)}`; // typed with a space; the API normalises it
  const normalisedVehicle = vehicle.replace(' ', '');
  // 6.00 an hour is 0.10 a minute: a park of under a minute costs exactly 0.10 (R-PRICE-2).
  await seed.createLot({
    name: lotName,
    address: '1 Test Street',
    pricePerHourCents: 600,
    capacity: 5,
  });

  await test.step('register', async () => {
    await page.goto('/register');
    await snap(page, 'register');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Username').fill(`driver_${tag.toLowerCase()}`);
    await page.getByLabel('Full name (optional)').fill('Dana Driver');
    await page.getByLabel('Password').fill('parking42');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page).toHaveURL(/\/verify-email\?email=/);
  });

  await test.step('enter the code from the mail outbox: signed in', async () => {
    await expect(page.getByLabel('E-mail')).toHaveValue(email);
    await page.getByLabel('Code').fill(await mailedCode(email));
    await snap(page, 'verify-email');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(/\/lots$/);
    await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  });

  await test.step('find the lot with its live availability, price and rating', async () => {
    await page.getByLabel('Search by name, address or postal code').fill(lotName);
    const card = page.locator('app-lot-card').filter({ hasText: lotName });
    await expect(card.getByTestId('availability')).toHaveText('5 of 5 spots free');
    await expect(card.getByTestId('park-now-count')).toHaveText('5 spots free to park now');
    await expect(card).toContainText('6.00 / hour');
    await expect(card).toContainText('No reviews yet');
    await snap(page, 'lots');
    await expectAccessible(page);
    await card.getByRole('link', { name: `Park now at ${lotName}` }).click();
  });

  await test.step('park now', async () => {
    await expect(page.getByRole('heading', { name: lotName })).toBeVisible();
    await page.getByLabel('Vehicle number').fill(vehicle);
    await snap(page, 'park-now');
    await page.getByRole('button', { name: 'Start parking' }).click();
    await expect(page).toHaveURL(/\/bookings\?tab=active/);
  });

  await test.step('see the running cost', async () => {
    const active = page.getByTestId('active-booking');
    await expect(active).toContainText(lotName);
    await expect(active).toContainText(normalisedVehicle);
    await expect(active.getByTestId('running-cost')).toHaveText(/0\.10/);
    await snap(page, 'bookings-active');
  });

  await test.step('the lot shows one spot fewer free', async () => {
    await page.getByRole('link', { name: 'Find parking' }).click();
    await page.getByLabel('Search by name, address or postal code').fill(lotName);
    const card = page.locator('app-lot-card').filter({ hasText: lotName });
    await expect(card.getByTestId('availability')).toHaveText('4 of 5 spots free');
    await expect(card.getByTestId('park-now-count')).toHaveText('4 spots free to park now');
  });

  await test.step('release and pay', async () => {
    await page.goto('/bookings'); // a reload of a client-side route: the API answers with the app
    await page.getByTestId('active-booking').getByRole('button', { name: 'Release spot' }).click();
    await page
      .getByRole('dialog', { name: /^Release spot/ })
      .getByRole('button', { name: 'Release spot' })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Pay / });
    await expect(dialog.getByRole('heading')).toHaveText(/Pay .*0\.10/);
    await dialog.getByRole('radio', { name: 'Card' }).check();
    await snap(page, 'pay-dialog');
    await dialog.getByRole('button', { name: /^Pay / }).click();
    await expect(page.getByText(/Paid .*0\.10\. Thank you!/)).toBeVisible();
    await expect(page.getByTestId('balance')).toContainText('Nothing to pay');
  });

  await test.step('the history shows the paid booking; review the lot', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const row = page.getByTestId('history-row').filter({ hasText: lotName });
    await expect(row).toContainText('completed');
    await expect(row).toContainText('paid');
    await snap(page, 'bookings-history');
    await row.getByRole('button', { name: `Review ${lotName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '4 stars' }).click();
    await dialog.getByLabel('Comment (optional)').fill('Easy to find, friendly staff.');
    await dialog.getByRole('button', { name: 'Send review' }).click();
    await expect(page.getByText('Thanks for your review')).toBeVisible();
  });

  await test.step('export the history as CSV, watch it progress, download it', async () => {
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('radio', { name: /CSV/ }).check();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const status = page.getByTestId('export-status');
    await expect(status.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await expect(status).toContainText('Ready: 1 row.', { timeout: 30_000 });
    await snap(page, 'export');
    const download = page.waitForEvent('download');
    await status.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv).toContain(lotName);
    expect(csv).toContain(normalisedVehicle);
  });

  await test.step('my stats: the spend chart and the lots chart are drawn', async () => {
    await page.getByRole('link', { name: 'My stats' }).click();
    await expect(page.getByTestId('spend-chart')).toHaveAttribute('aria-label', /0\.10/);
    await expect(page.getByTestId('lots-chart')).toHaveAttribute(
      'aria-label',
      new RegExp(`${lotName}: 1`),
    );
    for (const chart of ['spend-chart', 'lots-chart']) {
      await expect.poll(() => page.getByTestId(chart).evaluate(canvasHasInk)).toBe(true);
    }
    await snap(page, 'stats');
  });

  await test.step('reserve with the remembered vehicle, after seeing availability and price', async () => {
    await page.goto('/lots');
    await page.getByLabel('Search by name, address or postal code').fill(lotName);
    await page.getByRole('link', { name: `Reserve at ${lotName}` }).click();
    await expect(page.getByLabel('Vehicle number')).toHaveValue(normalisedVehicle);
    await expect(
      page.getByRole('button', { name: `Use vehicle ${normalisedVehicle}` }),
    ).toBeVisible();
    // The default window is two hours from the next quarter hour: 12.00 at 6.00 an hour.
    await expect(page.getByTestId('estimate')).toHaveText(/12\.00/);
    await expect(
      page.getByRole('status').filter({ hasText: 'spots free for this window' }),
    ).toContainText('5 of 5');
    await snap(page, 'reserve');
    await page.getByRole('button', { name: 'Confirm reservation' }).click();
    await expect(page).toHaveURL(/\/bookings\?tab=upcoming/);
    const upcoming = page.getByTestId('upcoming-booking');
    await expect(upcoming).toContainText(lotName);
    await snap(page, 'bookings-upcoming');
    await upcoming.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel reservation' }).click();
    await expect(page.getByText('Reservation cancelled')).toBeVisible();
    await expect(page.getByTestId('upcoming-booking')).toHaveCount(0);
  });

  await test.step('a lot that fills up: park now refused with the next free time, reserve instead', async () => {
    const smallLot = `E2E Corner ${tag}`;
    const smallLotId = await seed.createLot({
      name: smallLot,
      address: '2 Test Street',
      pricePerHourCents: 600,
      capacity: 1,
    });
    await page.goto('/lots');
    await page.getByLabel('Search by name, address or postal code').fill(smallLot);
    const card = page.locator('app-lot-card').filter({ hasText: smallLot });
    await expect(card.getByTestId('park-now-count')).toHaveText('1 spot free to park now');
    await card.getByRole('link', { name: `Park now at ${smallLot}` }).click();
    // The lot list's cards carry the same test id: read it on the lot's own page.
    await page.waitForURL(new RegExp(smallLotId));
    const bookPage = page.locator('app-book-spot-page');
    await expect(bookPage.getByTestId('park-now-count')).toHaveText('1 spot free to park now');

    // Meanwhile another driver reserves the only spot from half an hour on: park now may no longer
    // take it (R-BOOK-1), and it frees again when that reservation ends.
    const rival = await seed.driver(`rival_${tag.toLowerCase()}`);
    const startAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 30 * 60_000);
    const endAt = new Date(startAt.getTime() + 30 * 60_000);
    await seed.reserve(rival, smallLotId, `RV${tag}`, { startAt, endAt });

    await page.getByRole('button', { name: 'Start parking' }).click();
    const full = page.getByTestId('lot-full');
    await expect(full).toContainText('No spot here is free to park now.');
    const clock = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      hour: 'numeric',
      minute: '2-digit',
    }).formatToParts(endAt);
    const part = (type: string) => clock.find((p) => p.type === type)!.value;
    await expect(full.getByTestId('next-free-at')).toContainText(
      `${part('hour')}:${part('minute')}`,
    );
    await expect(bookPage.getByTestId('park-now-count')).toHaveText('No spot free to park now');
    await expect(page.getByRole('button', { name: 'Start parking' })).toBeDisabled();
    await snap(page, 'lot-full');
    await expectAccessible(page);

    await full.getByRole('button', { name: 'Reserve instead' }).click();
    await expect(page.getByLabel('From')).toBeFocused();
    await expect(page.getByLabel('From')).toHaveValue(berlinInputValue(endAt));
    await expect(
      page.getByRole('status').filter({ hasText: 'spots free for this window' }),
    ).toContainText('1 of 1');
    await expect(page.getByRole('button', { name: 'Confirm reservation' })).toBeEnabled();

    await page.goto('/lots');
    await page.getByLabel('Search by name, address or postal code').fill(smallLot);
    await expect(card.getByTestId('park-now-count')).toHaveText('No spot free to park now');
    await expect(card.getByTestId('availability')).toHaveText('1 of 1 spots free');
    await expect(card.getByRole('button', { name: `Park now at ${smallLot}` })).toBeDisabled();
  });

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await snap(page, 'login');
  });
});
