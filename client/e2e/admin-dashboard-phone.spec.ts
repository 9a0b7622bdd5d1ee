import { Locator, Page } from '@playwright/test';
import { env, expect, expectAccessible, test, uniqueTag } from './support/fixtures';

test.use({ viewport: { width: 390, height: 844 } });

/** Whether the page itself scrolls sideways (a wide table or chart must scroll inside its card). */
const pageScrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Presses Tab until `target` has focus (at most `limit` times): whether the keyboard reaches it. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

// An admin on a phone: the dashboard fits the screen and is read by keyboard, the lists keep their
// filters in the URL. Drivers act through the API.
test('an admin on a phone reads the dashboard by keyboard and filters the bookings through the URL', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const driver = await seed.driver(`phone_${tag.toLowerCase()}`);
  const lotId = await seed.createLot({
    name: `E2E Phone Lot ${tag}`,
    address: '4 Phone Street',
    pricePerHourCents: 600,
    capacity: 3,
  });
  const finished = await seed.park(driver, lotId, `PF${tag}`);
  await seed.release(driver, finished.id);
  await seed.park(driver, lotId, `PA${tag}`);

  await test.step('sign in: the dashboard fits the phone', async () => {
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(env('E2E_ADMIN_EMAIL'));
    await page.getByLabel('Password').fill(env('E2E_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByTestId('top-drivers')).toContainText(driver.username);
    await expect(page.getByTestId('heat-map')).toBeVisible();
    expect(await pageScrollsSideways(page)).toBe(false);
  });

  await test.step('the donut lists every status with its figures', async () => {
    const legend = page.getByRole('list', { name: 'Legend of Bookings by status now' });
    await expect(legend.getByRole('listitem')).toHaveText([
      /Upcoming reservation\s*\d+\s*\(\d+%\)/,
      /Active\s*[1-9]\d*\s*\(\d+%\)/,
      /Completed\s*[1-9]\d*\s*\(\d+%\)/,
      /Cancelled\s*\d+\s*\(\d+%\)/,
      /Expired \(no-show\)\s*\d+\s*\(\d+%\)/,
    ]);
  });

  await test.step('the top drivers table is reached by Tab, and the heat map read by the arrow keys', async () => {
    await page.getByRole('heading', { name: 'Dashboard' }).click();
    await tabTo(page, page.getByRole('region', { name: 'Top drivers by spend' }));
    // The heat map's region, then the grid's one tab stop: Monday 00:00.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /Occupancy by hour of week/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('gridcell', { name: /^Monday 00:00–01:00/ })).toBeFocused();
    const readout = page.getByTestId('heat-map-readout');
    await expect(readout).toHaveText(/Monday 00:00–01:00: \d+(\.\d)? spots? occupied on average/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect(readout).toHaveText(/Tuesday 01:00–02:00: \d+(\.\d)? spots? occupied on average/);
    await expect(page.getByRole('gridcell', { name: /^Tuesday 01:00–02:00/ })).toBeFocused();
    await expect(page.getByTestId('heat-map-legend')).toContainText(
      /Spots occupied on average, all lots:.*0.*\d/,
    );
    await expectAccessible(page);
  });

  await test.step('the bookings list keeps its filter over a reload, and refuses days out of order', async () => {
    await page.goto('/admin/bookings');
    await page.getByRole('combobox', { name: 'Lot' }).click();
    await page.getByRole('option', { name: `E2E Phone Lot ${tag}` }).click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await expect(page).toHaveURL(/status=completed/);
    const rows = page.getByTestId('booking-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.getByTestId('booking-status')).toHaveText('Completed');

    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveText(/Completed/);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(`PF${tag}`);
    expect(await pageScrollsSideways(page)).toBe(false);

    await page.getByLabel('Starting from').fill('2026-12-10');
    await page.getByLabel('Starting until').fill('2026-12-01');
    await expect(page.getByText('Choose an "until" day on or after the "from" day')).toBeVisible();
    await expect(page).not.toHaveURL(/from=/);
    await expectAccessible(page);

    await page.goBack();
    await expect(page).not.toHaveURL(/status=/);
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveText(/Any status/);
    await expect(rows).toHaveCount(2);
  });

  await test.step("the users list's bookings link says whose bookings it shows, and shows them", async () => {
    await page.goto('/admin/users');
    await page.getByLabel('Search by e-mail, username or name').fill(driver.email);
    const link = page.getByRole('link', { name: `Show the 2 bookings of ${driver.username}` });
    await expect(link).toBeVisible();
    await expectAccessible(page);
    await link.click();
    await expect(page).toHaveURL(/\/admin\/bookings\?userId=/);
    await expect(page.getByTestId('driver-filter')).toContainText(`Bookings of ${driver.username}`);
    await expect(page.getByTestId('booking-row')).toHaveCount(2);
  });
});
