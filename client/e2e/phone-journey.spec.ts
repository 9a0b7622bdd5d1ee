import { randomUUID } from 'node:crypto';
import { Locator, Page } from '@playwright/test';
import { env, expect, expectAccessible, test, uniqueTag } from './support/fixtures';

test.use({ viewport: { width: 390, height: 844 } });

/** The page's main heading has the focus: where a screen reader starts reading after a move. */
const expectHeadingFocused = (page: Page, name: string | RegExp) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeFocused();

/** The ring a keyboard user sees on the focused element, or on Material's indicator inside it. */
async function focusRing(element: Locator): Promise<{ style: string; width: string }> {
  return element.evaluate((node) => {
    const outline = getComputedStyle(node);
    if (outline.outlineStyle !== 'none')
      return { style: outline.outlineStyle, width: outline.outlineWidth };
    const indicator = node.querySelector('.mat-focus-indicator');
    const ring = indicator ? getComputedStyle(indicator, '::before') : outline;
    return { style: ring.borderTopStyle, width: ring.borderTopWidth };
  });
}

// A driver's round on a phone, in order: each step starts where the one before ended.
test('a driver on a phone moves by the bottom bar, lands on each page heading, and keeps the lot search and the reserve choice over reload and Back', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E Phone Garage ${tag}`;
  const lotId = await seed.createLot({
    name: lotName,
    address: '9 Phone Street',
    pricePerHourCents: 600,
    capacity: 4,
  });
  const driver = await seed.driver(`phone_${tag.toLowerCase()}`);
  // Parked through the API already: parking it again from the phone is refused (VEHICLE_BUSY).
  const busyVehicle = `PH${tag}`;
  await seed.park(driver, lotId, busyVehicle);

  const bar = page.getByRole('navigation', { name: 'Main' });
  const searchBox = page.getByLabel('Search by name, address or postal code');
  const card = page.locator('app-lot-card').filter({ hasText: lotName });

  await test.step('sign in: the lots, with the bottom bar and no "no match" before any search', async () => {
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(driver.username);
    await page.getByLabel('Password').fill(driver.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/lots$/);
    await expect(bar.getByRole('link')).toHaveCount(4);
    for (const name of ['Find parking', 'My bookings', 'Stats', 'Account'])
      await expect(bar.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(bar.getByRole('link', { name: 'Find parking' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // The bar's targets are a thumb's size.
    for (const box of await bar
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect()))) {
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThanOrEqual(48);
    }
    await expect(page.getByRole('status').filter({ hasText: /\d+ lots?\s+·/ })).toBeVisible();
    await expect(page.getByText(/No lot matches/)).toHaveCount(0);
    await expectAccessible(page);
  });

  await test.step('search: the search is in the URL, and a reload keeps it', async () => {
    await searchBox.fill(lotName);
    await expect(page).toHaveURL(new RegExp(`/lots\\?search=${encodeURIComponent(lotName)}$`));
    await expect(card).toBeVisible();
    await page.reload();
    await expect(searchBox).toHaveValue(lotName);
    await expect(card).toBeVisible();
    await expect(page.locator('app-lot-card')).toHaveCount(1);
  });

  await test.step('a lot: the focus on its heading; Reserve, and its window, survive a reload', async () => {
    await card.getByRole('link', { name: `Reserve at ${lotName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/lots/${lotId}/book\\?mode=reserve`));
    await expectHeadingFocused(page, lotName);
    await expect(bar.getByRole('link', { name: 'Find parking' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const from = page.getByLabel('From');
    await expect(page).toHaveURL(/&start=\d{4}-\d\d-\d\dT\d\d:\d\d&end=/);
    const start = await from.inputValue();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: lotName })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Reserve a time' })).toBeChecked();
    await expect(from).toHaveValue(start);
    await expect(page.getByRole('button', { name: 'Confirm reservation' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('Back: the lots with the same search, the focus on their heading', async () => {
    await page.goBack();
    await expect(page).toHaveURL(/\/lots\?search=/);
    await expectHeadingFocused(page, 'Find parking');
    await expect(searchBox).toHaveValue(lotName);
    await expect(card).toBeVisible();
  });

  await test.step('a refusal comes as a readable toast that closes when the driver moves on', async () => {
    await card.getByRole('link', { name: `Park now at ${lotName}` }).click();
    await expectHeadingFocused(page, lotName);
    await page.getByLabel('Vehicle number').fill(busyVehicle);
    await page.getByRole('button', { name: 'Start parking' }).click();
    const toast = page.locator('mat-snack-bar-container');
    await expect(toast).toContainText('This vehicle already has a booking that overlaps');
    // On a phone the toast sits above the bar, not over it.
    const toastBox = (await toast.boundingBox())!;
    const barBox = (await bar.boundingBox())!;
    expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(barBox.y);
    await expectAccessible(page); // the toast's text and its Dismiss button included
    await bar.getByRole('link', { name: 'My bookings' }).click();
    await expect(toast).toHaveCount(0);
  });

  await test.step('My bookings, Stats and Account by the bar: the focus on each heading', async () => {
    await expectHeadingFocused(page, 'My bookings');
    await expect(page.getByTestId('active-booking')).toContainText(lotName);
    await expectAccessible(page);

    await bar.getByRole('link', { name: 'Stats' }).click();
    await expectHeadingFocused(page, 'My stats');
    await expect(bar.getByRole('link', { name: 'Stats' })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);

    await bar.getByRole('link', { name: 'Account' }).click();
    await expectHeadingFocused(page, 'Account');
    await expect(page.getByText(driver.email)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export my history' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the keyboard shows where it is: a ring on Material buttons and on the bar', async () => {
    await page.keyboard.press('Tab');
    const exportLink = page.getByRole('link', { name: 'Export my history' });
    await expect(exportLink).toBeFocused();
    expect(await focusRing(exportLink)).toEqual({ style: 'solid', width: '3px' });
    await page.keyboard.press('Tab'); // Sign out
    await page.keyboard.press('Tab');
    const findParking = bar.getByRole('link', { name: 'Find parking' });
    await expect(findParking).toBeFocused();
    expect(await focusRing(findParking)).toEqual({ style: 'solid', width: '3px' });
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Find parking');
  });

  await test.step('an unknown lot and a malformed link both say "Lot not found"', async () => {
    for (const link of [`/lots/${randomUUID()}/book`, '/lots/not-a-uuid/book?mode=now']) {
      await page.goto(link);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lot not found');
      await expect(page.getByText(/UUID/)).toHaveCount(0);
      await expect(page.locator('mat-snack-bar-container')).toHaveCount(0);
      await expect(page).toHaveTitle('Lot not found · Vehicle Parking');
    }
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Find parking' }).first().click();
    await expect(page).toHaveURL(/\/lots$/);
  });
});

test('an admin on a phone reaches every admin page from the bottom bar and the account page', async ({
  page,
}) => {
  const bar = page.getByRole('navigation', { name: 'Main' });
  await page.goto('/login');
  await page.getByLabel('E-mail or username').fill(env('E2E_ADMIN_EMAIL'));
  await page.getByLabel('Password').fill(env('E2E_ADMIN_PASSWORD'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(bar.getByRole('link')).toHaveCount(5);
  await expect(bar.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  for (const [name, heading] of [
    ['Lots', 'Lots'],
    ['Users', 'Users'],
    ['Bookings', 'All bookings'],
  ]) {
    await bar.getByRole('link', { name, exact: true }).click();
    await expectHeadingFocused(page, heading);
    await expect(bar.getByRole('link', { name, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
  await expectAccessible(page);

  // The jobs, for which the bar has no room, are one step away on the account page.
  await bar.getByRole('link', { name: 'Account' }).click();
  await expectHeadingFocused(page, 'Account');
  await page.getByRole('link', { name: 'Reports and exports' }).click();
  await expectHeadingFocused(page, 'Reports and exports');
  await expect(bar.getByRole('link', { name: 'Account' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
});
