import { Page, request as requestContext } from '@playwright/test';
import { readMails } from '../../test/support/outbox';
import { ApiServer, startApiServer } from './support/api-server';
import {
  accessTokenClaims,
  ApiSeed,
  env,
  expect,
  expectAccessible,
  mailedCode,
  snap,
  test,
  uniqueTag,
} from './support/fixtures';

/** Access tokens of the API started for the two-tab test live this long (the run's API: 15 min). */
const SHORT_ACCESS_TTL_SECONDS = 15;

const signIn = async (page: Page, login: string, password: string) => {
  await page.getByLabel('E-mail or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

const storedSession = (page: Page) => page.evaluate(() => localStorage.getItem('parking.session'));

// R-AUTH-7: tabs share one refresh, and the API's reuse detection (a rotated refresh token presented
// again revokes the sign-in) must never see one from them.
test.describe('two tabs open past the access-token lifetime', () => {
  let api: ApiServer;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(240_000);
    api = await startApiServer(
      { JWT_ACCESS_TTL: `${SHORT_ACCESS_TTL_SECONDS}s` },
      'api-short-token-life.log',
    );
  });

  test.afterAll(async () => {
    await api?.stop();
  });

  test('both stay signed in and load data, sharing one refresh', async ({ context }) => {
    const tag = uniqueTag();
    const lotName = `Tabs Garage ${tag}`;
    const http = await requestContext.newContext({ baseURL: api.baseUrl });
    const seed = new ApiSeed(http, () => api);
    await seed.createLot({
      name: lotName,
      address: '2 Tab Street',
      pricePerHourCents: 300,
      capacity: 4,
    });
    const driver = await seed.driver(`tabs_${tag.toLowerCase()}`);
    await http.dispose();

    const first = await context.newPage();
    await first.goto(`${api.baseUrl}/login`);
    await signIn(first, driver.username, driver.password);
    await expect(first).toHaveURL(/\/lots$/);
    const second = await context.newPage();
    await second.goto(`${api.baseUrl}/lots`);
    const tabs = [first, second];
    for (const tab of tabs) {
      await expect(tab.locator('app-lot-card').filter({ hasText: lotName })).toBeVisible();
    }

    const refreshes: number[] = [];
    for (const tab of tabs) {
      tab.on('response', (response) => {
        if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
      });
    }
    // The API checks expiry by the clock: wait until the access token has really expired.
    const { exp } = accessTokenClaims(JSON.parse((await storedSession(first))!).accessToken);
    await first.waitForTimeout(Math.max(0, exp * 1000 - Date.now()) + 1000);

    // Both tabs ask for data at once, each with the expired token.
    const loaded = tabs.map((tab) =>
      tab
        .waitForResponse((r) => r.url().includes('/api/lots?') && r.status() === 200, {
          timeout: 20_000,
        })
        .then(
          () => 'loaded',
          () => `no lots loaded; at ${tab.url()}`,
        ),
    );
    await Promise.all(
      tabs.map((tab) =>
        tab.getByLabel('Search by name, address or postal code').fill(tag.toLowerCase()),
      ),
    );
    expect(await Promise.all(loaded)).toEqual(['loaded', 'loaded']);

    for (const tab of tabs) {
      await expect(tab).toHaveURL(/\/lots/);
      await expect(tab.locator('app-lot-card').filter({ hasText: lotName })).toBeVisible();
      expect(await storedSession(tab)).not.toBeNull();
    }
    // One refresh for both tabs, accepted: no rotated token was presented again.
    expect(refreshes).toEqual([200]);
    const renewed = accessTokenClaims(JSON.parse((await storedSession(second))!).accessToken);
    expect(renewed.exp).toBeGreaterThan(exp);
  });
});

test('a driver deactivated while signed in lands on the account-disabled page at the next step', async ({
  page,
  seed,
}) => {
  const tag = uniqueTag();
  const vehicle = `DS${tag}`;
  const lotId = await seed.createLot({
    name: `Disabled Garage ${tag}`,
    address: '3 Test Street',
    pricePerHourCents: 600,
    capacity: 3,
  });
  const driver = await seed.driver(`parked_${tag.toLowerCase()}`);
  await seed.park(driver, lotId, vehicle);

  await page.goto('/login');
  await signIn(page, driver.username, driver.password);
  await expect(page).toHaveURL(/\/lots$/);
  await page.goto('/bookings?tab=active');
  await expect(page.getByTestId('active-booking')).toContainText(vehicle);

  await seed.deactivate(driver);
  await page.getByRole('tab', { name: 'History' }).click();

  await expect(page).toHaveURL(/\/account-disabled$/);
  await expect(page.getByRole('heading', { name: 'Your account is disabled' })).toBeVisible();
  await expect(page.getByText('You are not parked anywhere')).toHaveCount(0);
  expect(await storedSession(page)).toBeNull();
  await snap(page, 'account-disabled');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('an unverified driver signing in by username gets the code page, can resend, and the mail links to it', async ({
  page,
  request,
}) => {
  const tag = uniqueTag().toLowerCase();
  const driver = {
    email: `late-${tag}@example.com`,
    username: `late_${tag}`,
    password: 'parking42',
  };
  const registered = await request.post('/api/auth/register', { data: driver });
  expect(registered.status()).toBe(201);

  await page.goto('/login');
  await signIn(page, driver.username, driver.password);
  await expect(page).toHaveURL(/\/verify-email\?/);
  await expect(page.getByLabel('E-mail')).toHaveValue(driver.email);
  await expect(page.getByText('Your e-mail address is not confirmed yet')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send a new code' }).click();
  await expect(page.getByText('A new code is on its way')).toBeVisible();

  // The code mail's link opens the same page with the address filled in.
  const code = await mailedCode(driver.email);
  const [mail] = await readMails(env('E2E_MAIL_DIR'), driver.email);
  const link = /https?:\/\/\S+\/verify-email\?email=\S+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await expect(page.getByLabel('E-mail')).toHaveValue(driver.email);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/lots$/);
});
