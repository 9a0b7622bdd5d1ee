import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_EXTENSION } from './common/decorators/public.decorator';
import { errorCodesOf, errorResponse, groupByStatus, NO_STORAGE_EXTENSION } from './common/errors/api-errors.decorator';
import { ErrorBodyDto, FieldErrorDto } from './common/errors/error-body.dto';
import { ErrorCode } from './common/errors/error-codes';

const BEARER = 'bearer';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

const TAGS: Record<string, string> = {
  auth: 'Registration, e-mail verification, sign-in with rotating refresh tokens, password reset',
  lots: 'Parking lots, their spots, live availability and reviews',
  bookings: 'Park now or reserve a window; check in, release, cancel, pay and review',
  stats: "The caller's own spending and parking figures",
  exports: "The caller's booking history as CSV or XLSX, written in the background",
  admin: 'Users, all bookings, analytics, report jobs, full exports and the queue dashboard (admins only)',
  health: 'Liveness and dependency health for operators and load balancers',
};

/** Sorts object keys recursively so the written spec only changes when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

const NOT_MODIFIED = {
  description: 'Not Modified: the body would be the one whose ETag the request gave in If-None-Match',
};

/** A GET whose success is JSON: Express tags that body with an ETag and answers a conditional GET with 304. */
function answersConditionally(method: string, operation: OperationObject): boolean {
  return (
    method === 'get' &&
    Object.entries(operation.responses).some(([status, response]) => status.startsWith('2') && response && 'content' in response && !!response.content?.['application/json'])
  );
}

/**
 * Completes an operation with what the global HTTP set-up makes true of every route of its kind, so a
 * controller lists only its own error codes (@ApiErrors): the JWT guard is global, so a route needs the bearer
 * token unless it is @Public() (401, and 403 ACCOUNT_DISABLED for a deactivated account's token); the
 * validation pipe checks every parameter and body (400 VALIDATION_FAILED); body-parser reads every JSON body
 * (400 MALFORMED_JSON, 413, 415); a route that reads PostgreSQL or Redis answers 503 while they are out; and
 * a JSON GET answers 304 to a conditional request.
 */
function completeOperation(method: string, operation: OperationObject): void {
  const markers = operation as unknown as Record<string, unknown>;
  const isPublic = markers[PUBLIC_EXTENSION] === true;
  const usesStorage = markers[NO_STORAGE_EXTENSION] !== true;
  delete markers[PUBLIC_EXTENSION];
  delete markers[NO_STORAGE_EXTENSION];

  operation.security = isPublic ? [] : [{ [BEARER]: [] }];
  const generic: ErrorCode[] = [];
  if (!isPublic) generic.push('UNAUTHORIZED', 'ACCOUNT_DISABLED');
  if (operation.parameters?.length || operation.requestBody) generic.push('VALIDATION_FAILED');
  if (operation.requestBody) generic.push('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (usesStorage) generic.push('SERVICE_UNAVAILABLE');

  const responses = operation.responses;
  if (answersConditionally(method, operation)) responses[304] = NOT_MODIFIED;
  const codesByStatus = new Map<number, ErrorCode[]>();
  for (const [status, response] of Object.entries(responses)) {
    const codes = response && errorCodesOf(response);
    if (codes) codesByStatus.set(Number(status), codes);
  }
  for (const [status, codes] of groupByStatus(generic)) {
    // A status the route answers with a body of its own (health's 503 is its report) stays as it is.
    if (status in responses && !codesByStatus.has(status)) continue;
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), ...codes]);
  }
  // Rebuilt even when nothing was added: errors are JSON also on routes that @ApiProduces files.
  for (const [status, codes] of codesByStatus) responses[status] = errorResponse(status, codes);
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Vehicle Parking API')
    .setDescription(
      'Book a parking spot now or reserve a window, check in, release, pay; lots, spots, reports and exports. ' +
        'Errors always have the body {statusCode, code, message, details?}; clients switch on `code`. ' +
        'Each operation lists every status and error code it can answer.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from /api/auth/login' }, BEARER);
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const config = builder.build();
  // Proprietary (package.json: UNLICENSED), so there is no licence URL, which DocumentBuilder's setLicense requires.
  config.info.license = { name: 'Proprietary' };
  const document = SwaggerModule.createDocument(app, config, {
    // The method name becomes the generated client's function name; they are unique across controllers.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ErrorBodyDto, FieldErrorDto],
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation) completeOperation(method, operation);
    }
  }
  return sortKeys(document) as OpenAPIObject;
}

export function mountSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Vehicle Parking API',
    swaggerOptions: { persistAuthorization: true },
  });
}
