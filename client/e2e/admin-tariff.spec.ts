import { Page } from '@playwright/test';
import { env, expect, expectAccessible, snap, test, uniqueTag } from './support/fixtures';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

/** A half hour of the grid: day 0 is Monday, slot 0 is 00:00–00:30. */
const cell = (page: Page, day: number, slot: number) =>
  page.locator(`[data-cell="${day}-${slot}"]`);

/** Presses on one half hour and drags the mouse along the day to another, as an admin paints. */
async function dragPaint(page: Page, day: number, from: number, to: number): Promise<void> {
  const start = (await cell(page, day, from).boundingBox())!;
  const end = (await cell(page, day, to).boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, {
    steps: (to - from) * 3 + 1,
  });
  await page.mouse.up();
}

test('an admin sets a day/night tariff with a daily maximum on a new lot and finds version 2 in the history', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E Tariff Garage ${tag}`;
  const lotId = await seed.createLot({
    name: lotName,
    address: '4 Tariff Lane',
    pricePerHourCents: 250,
    capacity: 3,
  });

  await test.step('the admin opens the lot’s tariff from the lot list', async () => {
    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(env('E2E_ADMIN_EMAIL'));
    await page.getByLabel('Password').fill(env('E2E_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto('/admin/lots');
    await page.getByLabel('Search by name, address or postal code').fill(tag);
    await page.getByRole('link', { name: `Tariff of ${lotName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/lots/${lotId}/tariff$`));
    await expect(page.getByRole('heading', { name: `Tariff of ${lotName}` })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Version 1 in force' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('two rates, the night painted by mouse and keyboard, a daily maximum', async () => {
    await page.getByLabel('Name of rate 1').fill('Day');
    await page.getByLabel(/^Price per hour of rate 1/).fill('3.00');
    await page.getByRole('button', { name: 'Add a rate' }).click();
    await page.getByLabel('Name of rate 2').fill('Night');
    await page.getByLabel(/^Price per hour of rate 2/).fill('1.00');
    await expect(
      page.getByRole('radio', { name: 'Paint with Night, $1.00 per hour' }),
    ).toBeChecked();

    await page.getByRole('grid').scrollIntoViewIfNeeded();
    for (let day = 0; day < 6; day++) {
      await dragPaint(page, day, 0, 11); // 00:00–06:00
      await dragPaint(page, day, 44, 47); // 22:00–24:00
    }
    // Sunday from the keyboard: Space paints, Shift with an arrow paints as it moves.
    await cell(page, 6, 0).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 11; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect(
      page.getByRole('gridcell', { name: 'Sunday 05:30–06:00: Night, $1.00 per hour' }),
    ).toBeVisible();
    await expect(
      page.getByRole('gridcell', { name: 'Sunday 06:00–06:30: Day, $3.00 per hour' }),
    ).toBeVisible();
    await expect(
      page.getByRole('gridcell', { name: 'Wednesday 22:00–22:30: Night, $1.00 per hour' }),
    ).toBeVisible();

    await page.getByRole('switch', { name: 'A daily maximum' }).click();
    await page.getByLabel(/^Daily maximum/).fill('20.00');
  });

  await test.step('saved as version 2, listed in the history, and stored as two bands a day', async () => {
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await expect(page.getByText('Tariff version 2 saved')).toBeVisible();
    const history = page.getByTestId('tariff-history');
    await expect(history.getByRole('listitem').first()).toContainText('Version 2 in force');
    await expect(history.getByRole('link', { name: 'Version 1' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Version 2 in force' })).toBeVisible();

    const stored = await seed.tariff(lotId);
    expect(stored).toMatchObject({
      version: 2,
      dailyMaxCents: 2000,
      graceMinutes: 0,
      incrementMinutes: 1,
      firstPeriod: null,
      bands: [
        { days: ALL_WEEK, from: '00:00', to: '06:00', ratePerHourCents: 100 },
        { days: ALL_WEEK, from: '06:00', to: '22:00', ratePerHourCents: 300 },
        { days: ALL_WEEK, from: '22:00', to: '24:00', ratePerHourCents: 100 },
      ],
    });
    await expectAccessible(page);
  });

  await test.step('version 1 stays readable, read-only', async () => {
    await page.getByTestId('tariff-history').getByRole('link', { name: 'Version 1' }).click();
    await expect(page).toHaveURL(/\?version=1$/);
    await expect(
      page.getByRole('heading', { name: 'Version 1 (no longer in force, read-only)' }),
    ).toBeVisible();
    await expect(
      page.getByRole('gridcell', { name: 'Monday 00:00–00:30: Rate 1, $2.50 per hour' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);
    await page.getByRole('link', { name: 'Edit the version in force' }).click();
    await expect(page.getByRole('heading', { name: 'Version 2 in force' })).toBeVisible();
    // Read back, version 2's rates are numbered in the order the week meets them: the night first.
    await expect(page.getByLabel(/^Price per hour of rate 1/)).toHaveValue('1.00');
    await expect(page.getByLabel(/^Price per hour of rate 2/)).toHaveValue('3.00');
    await expect(page.getByLabel('Grace period (minutes)')).toBeEnabled();
  });

  await test.step('at a phone’s width the grid scrolls inside its own region', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const region = page.getByRole('region', { name: 'Weekly rates grid, scrolls sideways' });
    await expect(region).toBeVisible();
    const widths = await region.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await snap(page, 'admin-tariff');
  });
});
