import { startApiServer } from './api-server';

/** One API for the whole run; the specs find it through E2E_* variables; the returned function stops it. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startApiServer();
  process.env.E2E_BASE_URL = server.baseUrl;
  process.env.E2E_MAIL_DIR = server.mailDir;
  process.env.E2E_ADMIN_EMAIL = server.adminEmail;
  process.env.E2E_ADMIN_PASSWORD = server.adminPassword;
  return server.stop;
}
