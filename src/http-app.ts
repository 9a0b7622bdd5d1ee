import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isBodyParserError, toDomainError } from './common/errors/body-parser-errors';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument, mountSwaggerUi } from './openapi';

export const API_PREFIX = 'api';

function translateBodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(isBodyParserError(error) ? toDomainError(error) : error);
}

/** Everything that makes the Nest app speak our HTTP contract; shared by main, tests and the spec writer. */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  if (config.app.trustProxy) express.set('trust proxy', true);
  express.use(helmet());
  express.useBodyParser('json', { limit: '100kb' });
  // body-parser's errors would reach Nest as a bare 400; give them our codes.
  express.use(translateBodyParserErrors);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  mountSwaggerUi(app, buildOpenApiDocument(app));
}
