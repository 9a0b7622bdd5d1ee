import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiContract, OpenApiDocument } from './openapi-contract';

const errorBody = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
};

/** A small document in the shape the spec writer produces: a narrowed error body, a nullable field, a file. */
const document: OpenApiDocument = {
  openapi: '3.0.0',
  components: {
    schemas: {
      ErrorBodyDto: errorBody,
      LotDto: {
        type: 'object',
        required: ['id', 'capacity', 'postalCode', 'createdAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          capacity: { type: 'integer' },
          postalCode: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
  paths: {
    '/api/lots/{id}': {
      get: {
        operationId: 'getLot',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/LotDto' } } } },
          '404': {
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/ErrorBodyDto' },
                    { type: 'object', properties: { statusCode: { type: 'integer', enum: [404] }, code: { type: 'string', enum: ['NOT_FOUND'] } } },
                  ],
                },
              },
            },
          },
        },
      },
      delete: { operationId: 'archiveLot', responses: { '204': {} } },
    },
    '/api/lots/summary': {
      get: { operationId: 'lotSummary', responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { count: { type: 'integer' } } } } } } } },
    },
    '/api/exports/{jobId}/download': {
      get: { operationId: 'downloadExport', responses: { '200': { content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } } } },
    },
  },
};

const LOT = { id: '0b8e3c52-8f0a-4c0e-9a53-2f1b7c9d4e11', capacity: 5, postalCode: null, createdAt: '2026-05-01T08:00:00.000Z' };
const json = 'application/json; charset=utf-8';

describe('OpenApiContract', () => {
  const contract = new OpenApiContract(document);
  const get = (url: string, status: number, body: unknown, contentType = json) => contract.check({ method: 'GET', url, status, contentType, body });

  it('accepts a response that matches its operation, status and schema (a query string and the host are ignored)', () => {
    expect(get(`http://127.0.0.1:4000/api/lots/${LOT.id}?x=1`, 200, LOT)).toBeUndefined();
    expect(get(`/api/lots/${LOT.id}`, 200, { ...LOT, postalCode: '10115' })).toBeUndefined();
  });

  it('catches a body that violates the schema, naming the route, the status and the error', () => {
    const mismatch = get(`/api/lots/${LOT.id}`, 200, { ...LOT, capacity: '5' });
    expect(mismatch).toContain(`GET /api/lots/${LOT.id} (getLot) answered 200`);
    expect(mismatch).toContain('/capacity must be integer');
    expect(get(`/api/lots/${LOT.id}`, 200, { ...LOT, createdAt: '2026-05-01T08:00:00' })).toContain('/createdAt must match format "date-time"');
    expect(get(`/api/lots/${LOT.id}`, 200, { id: LOT.id })).toContain("must have required property 'capacity'");
  });

  it('catches a property the spec does not document', () => {
    expect(get(`/api/lots/${LOT.id}`, 200, { ...LOT, secret: 'x' })).toContain('has the undocumented property "secret"');
  });

  it('catches an undocumented status', () => {
    expect(get(`/api/lots/${LOT.id}`, 409, { statusCode: 409, code: 'LOT_ARCHIVED', message: 'x' })).toMatch(/answered 409, which openapi.json does not document \(documented: 200, 404\)/);
  });

  it('checks an error body against the codes its operation lists for that status', () => {
    expect(get(`/api/lots/${LOT.id}`, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Lot not found' })).toBeUndefined();
    expect(get(`/api/lots/${LOT.id}`, 404, { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'x' })).toContain('/code must be equal to one of the allowed values: ["NOT_FOUND"]');
  });

  it('prefers a literal path to a template, as Express does', () => {
    expect(get('/api/lots/summary', 200, { count: 3 })).toBeUndefined();
  });

  it('wants no body where the spec documents none', () => {
    expect(contract.check({ method: 'DELETE', url: `/api/lots/${LOT.id}`, status: 204, body: {}, text: '' })).toBeUndefined();
    expect(contract.check({ method: 'DELETE', url: `/api/lots/${LOT.id}`, status: 204, contentType: json, body: { ok: true }, text: '{"ok":true}' })).toContain(
      'with a body, but openapi.json documents none',
    );
  });

  it('checks the media type, and leaves the bytes of a documented non-JSON answer alone', () => {
    expect(get('/api/exports/daily:1/download', 200, {}, 'text/csv; charset=utf-8')).toBeUndefined();
    expect(get('/api/exports/daily:1/download', 200, { rows: [] })).toContain('as application/json, but openapi.json documents text/csv');
  });

  it('wants the ROUTE_NOT_FOUND error body from a route the spec does not have', () => {
    expect(get('/api/nope', 404, { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'Cannot GET /api/nope' })).toBeUndefined();
    expect(contract.check({ method: 'POST', url: '/api/lots/summary', status: 404, contentType: json, body: { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'x' } })).toBeUndefined();
    expect(get('/api/nope', 404, 'Not Found', 'text/html')).toContain('should be the error body with ROUTE_NOT_FOUND');
    expect(get('/api/nope', 200, {})).toContain('GET /api/nope is not in openapi.json, yet it answered 200');
  });

  it('leaves what is served outside the API contract alone', () => {
    for (const url of ['/', '/bookings', '/main.js', '/api/docs', '/api/docs-json', '/api/admin/queues', '/api/admin/queues/api/queues']) {
      expect(get(url, 200, 'whatever', 'text/html')).toBeUndefined();
    }
  });

  it('compiles every JSON response schema of the committed openapi.json', () => {
    const committed = OpenApiContract.fromFile();
    const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as OpenApiDocument;
    let checked = 0;
    for (const [template, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!response.content?.['application/json']) continue;
          const url = template.replace(/\{[^}]+\}/g, '0b8e3c52-8f0a-4c0e-9a53-2f1b7c9d4e11');
          // A number is no response body of this API: each check must compile its schema and refuse it.
          expect(committed.check({ method, url, status: Number(status), contentType: json, body: 42 })).toContain('does not match openapi.json');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('reads the committed error body: details is the list of invalid fields or an object', () => {
    const committed = OpenApiContract.fromFile();
    expect(committed.check({ method: 'GET', url: '/api/health/live', status: 200, contentType: json, body: { status: 'ok' } })).toBeUndefined();
    expect(committed.check({ method: 'GET', url: '/api/health/live', status: 200, contentType: json, body: { status: 'ok', extra: 1 } })).toContain('undocumented property');
    expect(committed.check({ method: 'GET', url: '/api/lots', status: 401, contentType: json, body: { statusCode: 401, code: 'UNAUTHORIZED', message: 'x' } })).toBeUndefined();
    expect(
      committed.check({
        method: 'POST',
        url: '/api/lots',
        status: 400,
        contentType: json,
        body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 'name', errors: ['name should not be empty'] }] },
      }),
    ).toBeUndefined();
    expect(
      committed.check({ method: 'POST', url: '/api/lots', status: 400, contentType: json, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 1 }] } }),
    ).toContain('/details');
  });
});
