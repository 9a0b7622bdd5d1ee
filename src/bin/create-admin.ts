import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { buildConfig } from '../config/app-config';
import { EnvironmentError } from '../config/environment';
import { UsersService } from '../users/users.service';

const USAGE = 'Usage: npm run create-admin -- --email admin@example.com --password <8-128 chars, a letter and a digit>';

/** Creates an admin account, or resets an existing account of that e-mail to an active admin (R-AUTH-6). */
async function createAdmin(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' } } });
  const { email, password } = values;
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || !password || !/^(?=.*[A-Za-z])(?=.*\d).{8,128}$/.test(password)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = buildConfig(process.env);
  if (!config.db.url) {
    console.error('Set DATABASE_URL to the database to change (for the embedded one: postgres://postgres:postgres@127.0.0.1:54329/parking)');
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, worker: false }), { logger: ['error'] });
  const outcome = await app.get(UsersService).createOrResetAdmin(email, password);
  process.stdout.write(`Admin ${email} ${outcome === 'created' ? 'created' : 'reset (active, verified, new password)'}\n`);
  await app.close();
}

createAdmin().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : `create-admin failed: ${(error as Error).message}`);
  process.exit(1);
});
