import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { buildConfig } from '../config/app-config';
import { API_PREFIX } from '../http-app';
import { buildOpenApiDocument } from '../openapi';

/**
 * Writes openapi.json from the controllers' metadata. Nest's preview mode builds the module graph
 * without instantiating providers, so no database or Redis is needed.
 */
async function writeOpenApi(): Promise<void> {
  const config = buildConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused@127.0.0.1/unused' });
  const app = await NestFactory.create(AppModule.forRoot({ config, worker: false }), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX);
  const document = buildOpenApiDocument(app);
  const target = join(__dirname, '..', '..', 'openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`Wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
}

void writeOpenApi();
