/** Names shared by the global set-up, the tests and the tear-down of one API test run. */
export const TEST_ADMIN_DB_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(name: string): string {
  const url = new URL(TEST_ADMIN_DB_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
