import { readFileSync } from 'node:fs';
import {
  canvasHasInk,
  env,
  expect,
  expectAccessible,
  snap,
  test,
  uniqueTag,
} from './support/fixtures';

// An admin's round, in order: the lot made in the first steps is the one the later steps watch, so
// this is one test of many steps. Drivers act through the API, as they would from their own phones.
test('an admin manages a lot and its spots, force-releases, deactivates a driver, reads the dashboard and runs a report', async ({
  page,
  browser,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E Admin Garage ${tag}`;
  const parker = await seed.driver(`parker_${tag.toLowerCase()}`);
  const leaver = await seed.driver(`leaver_${tag.toLowerCase()}`);
  const vehicle = `AD${tag}`;
  const openFromNav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

  await test.step('seed a few finished bookings, so the dashboard has figures', async () => {
    const lotId = await seed.createLot({
      name: `E2E Seed Lot ${tag}`,
      address: '2 Seed Street',
      pricePerHourCents: 600,
      capacity: 5,
    });
    for (const [driver, plate] of [
      [parker, `SP${tag}`],
      [leaver, `SL${tag}`],
    ] as const) {
      const booking = await seed.park(driver, lotId, plate);
      await seed.release(driver, booking.id);
    }
  });

  await test.step('the admin signs in and lands on the dashboard', async () => {
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(env('E2E_ADMIN_EMAIL'));
    await page.getByLabel('Password').fill(env('E2E_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  });

  await test.step('create a lot through the form, after its validation messages', async () => {
    await openFromNav('Lots');
    await expect(page).toHaveURL(/\/admin\/lots$/);
    await page.getByRole('button', { name: 'New lot' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create lot' }).click();
    await expect(dialog.getByText('Name is required')).toBeVisible();
    await expect(dialog.getByText('Spots is required')).toBeVisible();
    await dialog.getByLabel('Name').fill(lotName);
    await dialog.getByLabel('Address').fill('3 Admin Avenue');
    await dialog.getByLabel('Postal code (optional)').fill('10115');
    await dialog.getByLabel('Price per hour').fill('6');
    await dialog.getByLabel('Spots').fill('6000');
    await expect(dialog.getByText('Spots must be at most 5000')).toBeVisible();
    await dialog.getByLabel('Spots').fill('8');
    await snap(page, 'admin-lot-form');
    await dialog.getByRole('button', { name: 'Create lot' }).click();
    await expect(page.getByText(`${lotName} created with 8 spots`)).toBeVisible();
    await page.getByLabel('Search by name, address or postal code').fill(tag);
    const row = page.getByTestId('lot-row').filter({ hasText: lotName });
    await expect(row).toContainText('6.00');
    await expect(row.getByTestId('lot-counts')).toContainText('8 free of 8');
    await snap(page, 'admin-lots');
    await row.getByRole('link', { name: `Spots of ${lotName}` }).click();
  });

  await test.step("the spot grid shows the driver's car after its next refresh", async () => {
    await expect(page.getByRole('heading', { name: lotName })).toBeVisible();
    await expect(page.getByTestId('spot-tile')).toHaveCount(8);
    await expect(page.locator('[data-status="available"]')).toHaveCount(8);
    const lotId = page.url().split('/').pop()!;
    const booking = await seed.park(parker, lotId, vehicle);
    expect(booking.spotNumber).toBe(1);
    // No click: the grid re-reads the spots every 10 seconds on its own.
    const spotOne = page.getByRole('button', { name: `Spot 1, occupied, ${vehicle}` });
    await expect(spotOne).toBeVisible({ timeout: 20_000 });
    await spotOne.click();
    const detail = page.getByTestId('spot-detail');
    await expect(detail.getByTestId('spot-vehicle')).toHaveText(vehicle);
    await expect(detail).toContainText(parker.username);
    await expect(detail.getByTestId('spot-cost')).toHaveText(/0\.10/);
    await expect(page.getByTestId('spot-counts')).toContainText('1 occupied (0 overstaying)');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('Overstay');
    await snap(page, 'admin-spot-grid');
    await expectAccessible(page);
  });

  await test.step('force-release it, giving a reason', async () => {
    await page.getByTestId('spot-detail').getByRole('button', { name: 'Force release' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Force release' }).click();
    await expect(dialog.getByText('Reason is required')).toBeVisible();
    await dialog.getByLabel('Reason').fill('Blocking the exit');
    await dialog.getByRole('button', { name: 'Force release' }).click();
    await expect(page.getByText(/Spot 1 released: .*0\.10/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spot 1, free' })).toBeVisible();
  });

  await test.step('take a free spot out of service; a busy one is refused', async () => {
    await page.getByRole('button', { name: 'Spot 2, free' }).click();
    await page.getByTestId('spot-detail').getByRole('switch', { name: 'Out of service' }).click();
    await expect(page.getByText('Spot 2 is out of service')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spot 2, out of service' })).toBeVisible();

    const lotId = page.url().split('/').pop()!;
    await seed.park(parker, lotId, vehicle);
    await page.getByRole('button', { name: 'Refresh the spots' }).click();
    await page.getByRole('button', { name: `Spot 1, occupied, ${vehicle}` }).click();
    const toggle = page.getByTestId('spot-detail').getByRole('switch', { name: 'Out of service' });
    await expect(toggle).toBeDisabled();
    await expect(toggle).toHaveAccessibleDescription(
      'Cannot be taken out of service while a car is parked here.',
    );
    await expect(toggle).not.toBeChecked();
  });

  await test.step('archiving the lot is refused while a car is parked in it', async () => {
    await openFromNav('Lots');
    await page.getByLabel('Search by name, address or postal code').fill(lotName);
    await page.getByRole('button', { name: `Archive ${lotName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await expect(
      page.getByText('The lot has occupied spots or upcoming reservations'),
    ).toBeVisible();
    await expect(page.getByTestId('lot-row').filter({ hasText: lotName })).not.toContainText(
      'archived',
    );
  });

  await test.step('all bookings: filter by the lot, force-release the active one from here', async () => {
    await openFromNav('Bookings');
    await page.getByRole('combobox', { name: 'Lot' }).click();
    await page.getByRole('option', { name: lotName }).click();
    const rows = page.getByTestId('booking-row');
    await expect(rows).toHaveCount(2);
    // Nobody stays past a planned end here: "Overstaying now" leaves no row (R-OCC-2).
    await page.getByRole('checkbox', { name: 'Overstaying now' }).check();
    await expect(page.getByText('No booking matches these filters.')).toBeVisible();
    await expect(rows).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Overstaying now' }).uncheck();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Force-released: Blocking the exit' })).toHaveCount(1);
    const active = rows.filter({ hasText: 'active' });
    await expect(active).toContainText(vehicle);
    await snap(page, 'admin-bookings');
    await expectAccessible(page);
    await active.getByRole('button', { name: `Force release ${vehicle}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('End of the event');
    await dialog.getByRole('button', { name: 'Force release' }).click();
    await expect(page.getByText(/Spot 1 released/)).toBeVisible();
    await expect(rows.filter({ hasText: 'Force-released: End of the event' })).toContainText(
      'Completed',
    );
  });

  await test.step('deactivate a driver, whose sign-in then fails', async () => {
    await openFromNav('Users');
    await page.getByLabel('Search by e-mail, username or name').fill(leaver.email);
    const row = page.getByTestId('user-row').filter({ hasText: leaver.email });
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId('user-row')).toHaveCount(1);
    await expect(row.getByTestId('user-state')).toContainText('Active');
    await row.getByRole('button', { name: `Deactivate ${leaver.username}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByText(`${leaver.username} deactivated`)).toBeVisible();
    await expect(row.getByTestId('user-state')).toContainText('Deactivated');
    await page.getByLabel('Search by e-mail, username or name').fill('');
    await expect(page.getByTestId('user-row').filter({ hasText: parker.email })).toBeVisible();
    await snap(page, 'admin-users');

    const context = await browser.newContext({ baseURL: env('E2E_BASE_URL') });
    const driverPage = await context.newPage();
    await driverPage.goto('/login');
    await driverPage.getByLabel('E-mail or username').fill(leaver.username);
    await driverPage.getByLabel('Password').fill(leaver.password);
    await driverPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      driverPage.getByRole('heading', { name: 'Your account is disabled' }),
    ).toBeVisible();
    await expect(driverPage).toHaveURL(/\/account-disabled$/);
    await context.close();
  });

  await test.step('the dashboard draws its charts from the figures', async () => {
    await openFromNav('Dashboard');
    await expect(page.getByTestId('total-revenue')).not.toContainText('0.00');
    await expect(page.getByTestId('revenue-chart')).toHaveAttribute(
      'aria-label',
      new RegExp(`${lotName}: \\D*0\\.20`),
    );
    await expect(page.getByTestId('occupancy-chart')).toHaveAttribute(
      'aria-label',
      new RegExp(`${lotName}: 0 occupied, 0 reserved, 1 out of service, 7 free of 8`),
    );
    await expect(page.getByTestId('bookings-chart')).toHaveAttribute(
      'aria-label',
      /Bookings per day: [1-9]\d* in 30 days/,
    );
    for (const chart of ['revenue-chart', 'occupancy-chart', 'bookings-chart']) {
      await expect.poll(() => page.getByTestId(chart).evaluate(canvasHasInk)).toBe(true);
    }
    await expect(page.getByTestId('top-drivers')).toContainText(parker.username);
    // 7 days of 24 hours, each past one with a figure (zero included).
    await expect(page.getByTestId('heat-map').locator('tbody td')).toHaveCount(7 * 24);
    await expect(page.getByTestId('heat-map').locator('td.no-data')).toHaveCount(0);
    await expect(page.locator('mat-snack-bar-container')).toHaveCount(0); // the users page's toast
    await snap(page, 'admin-dashboard');
  });

  await test.step('run the daily report and export everything', async () => {
    await openFromNav('Jobs');
    await page.getByRole('button', { name: 'Send the daily report' }).click();
    const job = page.getByTestId('report-job').filter({ hasText: 'Daily report' });
    await expect(job).toContainText('Completed', { timeout: 30_000 });

    await page.getByRole('radio', { name: /Excel workbook/ }).check();
    await page.getByRole('button', { name: 'Export everything' }).click();
    const status = page.getByTestId('export-status');
    await expect(status).toContainText(/Ready: \d+ rows\./, { timeout: 30_000 });
    await snap(page, 'admin-jobs');
    const download = page.waitForEvent('download');
    await status.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    // An xlsx workbook is a zip archive.
    expect(
      readFileSync(await file.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});
