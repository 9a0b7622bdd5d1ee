import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, expect, Page, test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestCode } from '../../../test/support/outbox';
import { ARTIFACTS } from './api-server';

export { expect };

const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const PHONE = { width: 390, height: 844 };

/** A setting the global set-up hands over (E2E_BASE_URL, E2E_ADMIN_EMAIL, …). */
export function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is unset: run the specs through playwright.config.ts (its global set-up starts the API)`,
    );
  return value;
}

/** A short unique tag, so names (users, lots, vehicles) never collide between runs or tests. */
export const uniqueTag = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** The 6-digit code of the newest mail to `email`; the worker sends it a moment after the request. */
export const mailedCode = (email: string) =>
  latestCode(env('E2E_MAIL_DIR'), email, undefined, 30_000);

/** Saves the page as it looks on a desktop and at a phone's width (390 px), then restores the viewport. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const desktop = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await settleLayout(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  if (desktop) {
    await page.setViewportSize(desktop);
    await settleLayout(page);
  }
}

/** axe-core on the page as it is now: no serious or critical violation (QUALITY.md). */
export async function expectAccessible(page: Page): Promise<void> {
  await finishAnimations(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

/**
 * Waits until no finite animation (a message fading in, a dialog opening) has run for a moment: axe measures
 * colours as they are painted, and a half-faded text fails contrast though the settled page passes. An
 * animation may start a little after the change that caused it (a debounced re-render), hence the quiet
 * period. Endless ones (a busy bar) are left running.
 */
const finishAnimations = (page: Page) =>
  page.evaluate(async () => {
    const QUIET_MS = 300;
    const deadline = performance.now() + 5_000;
    let quietSince = performance.now();
    while (performance.now() < deadline) {
      await new Promise((done) => requestAnimationFrame(done));
      const finite = document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
      if (finite.length) {
        await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
        quietSince = performance.now();
      } else if (performance.now() - quietSince >= QUIET_MS) return;
    }
  });

/** Resize observers (charts) redraw on the next frames. */
const settleLayout = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/** A driver made through the API: registered, e-mail confirmed, signed in. */
export interface SeededDriver {
  email: string;
  username: string;
  password: string;
  accessToken: string;
}

/** The claims of an access token (R-AUTH-2): whose it is and when it expires (epoch seconds). */
export function accessTokenClaims(accessToken: string): { sub: string; exp: number } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
}

/** The API a seed talks to: its mail outbox and start-up admin (the run's API unless said otherwise). */
export interface SeedTarget {
  mailDir: string;
  adminEmail: string;
  adminPassword: string;
}

const runApi = (): SeedTarget => ({
  mailDir: env('E2E_MAIL_DIR'),
  adminEmail: env('E2E_ADMIN_EMAIL'),
  adminPassword: env('E2E_ADMIN_PASSWORD'),
});

/** Test data another role's UI would make (the admin's lots, a driver's parking), made through the API. */
export class ApiSeed {
  /** `request` has the target API as its base URL. */
  constructor(
    private readonly request: APIRequestContext,
    private readonly target: () => SeedTarget = runApi,
  ) {}

  private async adminToken(): Promise<string> {
    const { adminEmail, adminPassword } = this.target();
    const response = await this.request.post('/api/auth/login', {
      data: { login: adminEmail, password: adminPassword },
    });
    expect(response.status()).toBe(200);
    return (await response.json()).accessToken;
  }

  async createLot(lot: {
    name: string;
    address: string;
    pricePerHourCents: number;
    capacity: number;
  }): Promise<string> {
    const response = await this.request.post('/api/lots', {
      data: lot,
      headers: { Authorization: `Bearer ${await this.adminToken()}` },
    });
    expect(response.status()).toBe(201);
    return (await response.json()).id;
  }

  /** A lot's tariff as the API serves it: the version in force, or `version` (R-TARIFF-1, 2). */
  async tariff(lotId: string, version?: number): Promise<Record<string, unknown>> {
    const response = await this.request.get(`/api/lots/${lotId}/tariff`, {
      params: version === undefined ? {} : { version },
      headers: { Authorization: `Bearer ${await this.adminToken()}` },
    });
    expect(response.status()).toBe(200);
    return await response.json();
  }

  /** Registers `username` and confirms the code from the mail outbox, as a driver would. */
  async driver(username: string): Promise<SeededDriver> {
    const email = `${username}@example.com`;
    const password = 'parking42';
    const registered = await this.request.post('/api/auth/register', {
      data: { email, username, password },
    });
    expect(registered.status()).toBe(201);
    const code = await latestCode(this.target().mailDir, email, undefined, 30_000);
    const verified = await this.request.post('/api/auth/verify-email', {
      data: { email, code },
    });
    expect(verified.status()).toBe(200);
    return { email, username, password, accessToken: (await verified.json()).accessToken };
  }

  /** Parks now (R-BOOK-1): the booking's id and spot number. */
  async park(
    driver: SeededDriver,
    lotId: string,
    vehicleNumber: string,
  ): Promise<{ id: string; spotNumber: number }> {
    const response = await this.request.post('/api/bookings', {
      data: { lotId, vehicleNumber },
      headers: { Authorization: `Bearer ${driver.accessToken}` },
    });
    expect(response.status()).toBe(201);
    return await response.json();
  }

  /** Reserves a window (R-BOOK-2): the booking's id and spot number. */
  async reserve(
    driver: SeededDriver,
    lotId: string,
    vehicleNumber: string,
    window: { startAt: Date; endAt: Date },
  ): Promise<{ id: string; spotNumber: number }> {
    const response = await this.request.post('/api/bookings', {
      data: {
        lotId,
        vehicleNumber,
        type: 'reserved',
        startAt: window.startAt.toISOString(),
        endAt: window.endAt.toISOString(),
      },
      headers: { Authorization: `Bearer ${driver.accessToken}` },
    });
    expect(response.status()).toBe(201);
    return await response.json();
  }

  /** An admin deactivates the driver's account (PATCH /admin/users/{id}). */
  async deactivate(driver: SeededDriver): Promise<void> {
    const response = await this.request.patch(
      `/api/admin/users/${accessTokenClaims(driver.accessToken).sub}`,
      {
        data: { isActive: false },
        headers: { Authorization: `Bearer ${await this.adminToken()}` },
      },
    );
    expect(response.status()).toBe(200);
  }

  async release(driver: SeededDriver, bookingId: string): Promise<void> {
    const response = await this.request.post(`/api/bookings/${bookingId}/release`, {
      headers: { Authorization: `Bearer ${driver.accessToken}` },
    });
    expect(response.status()).toBe(200);
  }
}

/** Signs in through the login page, as a driver or an admin does. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Whether anything was drawn on a canvas (Chart.js animates in, so callers poll). */
export function canvasHasInk(canvas: Element): boolean {
  const c = canvas as HTMLCanvasElement;
  const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
  return Array.prototype.some.call(pixels, (value: number) => value !== 0);
}

export const test = base.extend<{ seed: ApiSeed }>({
  baseURL: async ({}, use) => use(env('E2E_BASE_URL')),
  seed: async ({ request }, use) => use(new ApiSeed(request)),
});
