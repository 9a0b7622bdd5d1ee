import { APIRequestContext, expect, Page, test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestCode } from '../../../test/support/outbox';
import { ARTIFACTS } from './api-server';

export { expect };

const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const PHONE = { width: 390, height: 844 };

function env(name: string): string {
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

/** Resize observers (charts) redraw on the next frames. */
const settleLayout = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/** Test data the UI of another role would make (e.g. the admin's lots), set up straight through the API. */
export class AdminSeed {
  constructor(private readonly request: APIRequestContext) {}

  private async token(): Promise<string> {
    const response = await this.request.post('/api/auth/login', {
      data: { login: env('E2E_ADMIN_EMAIL'), password: env('E2E_ADMIN_PASSWORD') },
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
      headers: { Authorization: `Bearer ${await this.token()}` },
    });
    expect(response.status()).toBe(201);
    return (await response.json()).id;
  }
}

export const test = base.extend<{ seed: AdminSeed }>({
  baseURL: async ({}, use) => use(env('E2E_BASE_URL')),
  seed: async ({ request }, use) => use(new AdminSeed(request)),
});
