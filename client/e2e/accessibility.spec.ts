import { Page } from '@playwright/test';
import { env, expect, expectAccessible, signIn, test, uniqueTag } from './support/fixtures';

// axe-core on every main page of the portal, driver and admin, at a desktop's and a phone's width, each
// with data on it (a parked car, a finished stay, a lot with spots): no serious or critical violation.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

interface MainPage {
  path: string;
  /** Something only the loaded page shows: axe runs on the page with its data, not on a spinner. */
  ready: (page: Page) => ReturnType<Page['getByRole']>;
}

async function checkEveryWidth(page: Page, pages: MainPage[]): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    for (const main of pages) {
      await test.step(`${main.path} at ${viewport.width} px`, async () => {
        await page.goto(main.path);
        await expect(page.locator('h1')).toBeVisible();
        await expect(main.ready(page).first()).toBeVisible();
        await expectAccessible(page);
      });
    }
  }
}

test('the driver’s main pages have no serious or critical axe violation, on a desktop and on a phone', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E Axe ${tag}`;
  const lotId = await seed.createLot({
    name: lotName,
    address: '9 Audit Street',
    pricePerHourCents: 300,
    capacity: 4,
  });
  const driver = await seed.driver(`axe_${tag.toLowerCase()}`);
  const finished = await seed.park(driver, lotId, `AX${tag}1`);
  await seed.release(driver, finished.id);
  const parked = await seed.park(driver, lotId, `AX${tag}2`);

  await signIn(page, driver.username, driver.password);
  await expect(page).toHaveURL(/\/lots$/);
  await checkEveryWidth(page, [
    { path: `/lots?search=${encodeURIComponent(lotName)}`, ready: (p) => p.getByText(lotName) },
    { path: `/lots/${lotId}/book`, ready: (p) => p.getByRole('heading', { name: lotName }) },
    { path: '/bookings', ready: (p) => p.getByTestId('active-booking') },
    { path: `/bookings/${parked.id}`, ready: (p) => p.getByTestId('booking-status') },
    { path: '/stats', ready: (p) => p.getByRole('heading', { level: 1 }) },
    { path: '/export', ready: (p) => p.getByRole('button', { name: /export/i }) },
    { path: '/account', ready: (p) => p.getByRole('button', { name: 'Sign out' }) },
  ]);
});

test('the admin’s main pages have no serious or critical axe violation, on a desktop and on a phone', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const lotName = `E2E Axe Admin ${tag}`;
  const lotId = await seed.createLot({
    name: lotName,
    address: '10 Audit Street',
    pricePerHourCents: 450,
    capacity: 6,
  });
  await seed.park(await seed.driver(`axeadm_${tag.toLowerCase()}`), lotId, `AA${tag}`);

  await signIn(page, env('E2E_ADMIN_EMAIL'), env('E2E_ADMIN_PASSWORD'));
  await expect(page).toHaveURL(/\/admin/);
  await checkEveryWidth(page, [
    { path: '/admin', ready: (p) => p.getByRole('region', { name: /Occupancy by hour of week/ }) },
    { path: '/admin/lots', ready: (p) => p.getByRole('row').nth(1) },
    { path: `/admin/lots/${lotId}`, ready: (p) => p.getByRole('heading', { name: lotName }) },
    { path: '/admin/bookings', ready: (p) => p.getByRole('row').nth(1) },
    { path: '/admin/users', ready: (p) => p.getByRole('row').nth(1) },
    {
      path: '/admin/jobs',
      ready: (p) => p.getByRole('heading', { name: 'Reports and reminders' }),
    },
  ]);
});
