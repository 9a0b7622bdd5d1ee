import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplicationContext, RequestMethod } from '@nestjs/common';
import { Logger, Params } from 'nestjs-pino';
import { AppConfig } from './config/app-config';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Keeps a caller's X-Request-Id when it is sane, else makes one; echoed in the response. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured logs (R-OPS-3): JSON lines in production, readable lines in development; every line
 * written while serving a request carries its `reqId`. Credentials never reach a log line.
 */
export function loggingOptions(config: AppConfig): Params {
  const pretty = config.app.env === 'development' && process.stdout.isTTY;
  return {
    // Nest 11's path syntax for "every route"; the library's default '*' logs a conversion warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.app.env === 'test' ? 'silent' : config.app.logLevel,
      genReqId: requestId,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
    },
  };
}

/**
 * Hands Nest's Logger (every `new Logger(context)`: the error filter, services, TypeORM's and Bull's
 * modules) to pino and writes what it buffered during start-up. Nest writes that buffer only in
 * `app.listen()`; the API listens through `listenHttp`, so without the flush every such line of the API
 * process would stay in memory for good (R-ROB-4).
 */
export function useStructuredLogger(app: INestApplicationContext): Logger {
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  return logger;
}
