import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic } from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isBodyParserError, toDomainError } from './common/errors/body-parser-errors';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { rejectInvalidUtf8, requireJsonBody } from './common/validation/json-body';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument, mountSwaggerUi } from './openapi';
import { mountQueueDashboard } from './queues/queue-dashboard';

export const API_PREFIX = 'api';

function translateBodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(isBodyParserError(error) ? toDomainError(error) : error);
}

/** The Angular build (`npm run client:build`); the same path from src/ (ts-node) and dist/. */
const CLIENT_DIR = join(__dirname, '..', 'client', 'dist', 'client', 'browser');

const isApiPath = (req: Request) => req.path === `/${API_PREFIX}` || req.path.startsWith(`/${API_PREFIX}/`);

/**
 * Serves the built client at `/` when there is one. Its routes live in the browser, so a reload of
 * e.g. /bookings gets index.html; anything under /api is left to Nest (and its 404 error body) without
 * touching the disk: the static files are only looked up for other paths.
 */
function serveBuiltClient(express: NestExpressApplication): void {
  const indexHtml = join(CLIENT_DIR, 'index.html');
  if (!existsSync(indexHtml)) return;
  const assets = serveStatic(CLIENT_DIR);
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req)) return next();
    assets(req, res, (error?: unknown) => {
      if (error || (req.method !== 'GET' && req.method !== 'HEAD')) return next(error);
      res.sendFile(indexHtml);
    });
  });
}

/** Everything that makes the Nest app speak our HTTP contract; shared by main, tests and the spec writer. */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  if (config.app.trustProxy) express.set('trust proxy', true);
  express.use(helmet());
  express.use(requireJsonBody);
  express.useBodyParser('json', { limit: '100kb', verify: rejectInvalidUtf8 });
  // body-parser's errors would reach Nest as a bare 400; give them our codes.
  express.use(translateBodyParserErrors);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  mountSwaggerUi(app, buildOpenApiDocument(app));
  mountQueueDashboard(app);
  serveBuiltClient(express);
}

/**
 * Listens with a deep accept queue: Node's default backlog (511) resets connections when a burst of
 * clients (a lot opening at 8:00) connects at once; the kernel caps it at net.core.somaxconn.
 */
export async function listenHttp(app: INestApplication, port: number, host?: string): Promise<void> {
  await app.init();
  const server = app.getHttpServer() as import('node:http').Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
