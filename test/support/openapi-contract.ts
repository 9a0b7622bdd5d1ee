import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

interface MediaType {
  schema?: Schema;
}

interface ResponseSpec {
  content?: Record<string, MediaType>;
}

interface OperationSpec {
  operationId?: string;
  responses: Record<string, ResponseSpec>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationSpec>>;
  components?: { schemas?: Record<string, Schema> };
}

/** What an API test received, as much of it as the contract speaks about. */
export interface ReceivedResponse {
  method: string;
  /** The full URL or just its path; a query string is ignored. */
  url: string;
  status: number;
  contentType?: string;
  /** The parsed JSON body (superagent's `res.body`). */
  body: unknown;
  /** The raw text when the body was text; tells an empty body from `{}`. */
  text?: string;
}

/**
 * Served by third-party middleware or as files, not by the API's controllers: the Swagger UI and this very
 * document, the queue dashboard (bull-board) and the built client outside /api. They are not in the spec.
 */
const OUTSIDE_CONTRACT = [/^\/api\/docs(-json)?(\/|$)/, /^\/api\/admin\/queues(\/|$)/];
const API_PATH = /^\/api(\/|$)/;
const JSON_MEDIA = 'application/json';
/** OpenAPI's own numeric and binary formats: JSON already says what they constrain, or they are not JSON. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];
const DOCUMENT_ID = 'openapi.json';

interface Route {
  template: string;
  pattern: RegExp;
  parameters: number;
}

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0].trim().toLowerCase();
const isJson = (mediaType: string | undefined) => mediaType === JSON_MEDIA || (mediaType?.endsWith('+json') ?? false);
/** A JSON pointer as a URI fragment: `~` and `/` escaped, then the braces of path templates percent-encoded. */
const pointerTo = (...segments: string[]) => `#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;

/**
 * OpenAPI 3.0's schema dialect (JSON Schema draft 5 with extensions; draft 7, which Ajv speaks, reads the
 * keywords the spec uses alike) as JSON Schema: `nullable` becomes a `null` type (and a `null` in an enum),
 * and an object that lists its properties is closed, so a field the spec does not document is a mismatch
 * too (the generated client would not know it). A member of an allOf stays open: it sees only its own
 * properties, and the others are its siblings'.
 */
function toJsonSchema(value: unknown, closable = true): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, closable));
  if (value === null || typeof value !== 'object') return value;
  const schema: Schema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toJsonSchema(child, key !== 'allOf')]));
  if (schema.nullable === true) {
    delete schema.nullable;
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    else return { anyOf: [schema, { type: 'null' }] };
  }
  if (closable && schema.type === 'object' && typeof schema.properties === 'object' && !('additionalProperties' in schema)) {
    schema.additionalProperties = false;
  }
  return schema;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const where = error.instancePath || '(body)';
      if (error.keyword === 'additionalProperties') return `${where} has the undocumented property "${String(error.params.additionalProperty)}"`;
      if (error.keyword === 'enum') return `${where} ${error.message}: ${JSON.stringify(error.params.allowedValues)}`;
      return `${where} ${error.message}`;
    })
    .join('; ');
}

/** Checks responses against openapi.json: the operation of the route, the status, the media type and the JSON body. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    // The document is added whole, so the `#/components/...` references of every response schema resolve.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    for (const format of OPENAPI_FORMATS) this.ajv.addFormat(format, true);
    this.ajv.addSchema(toJsonSchema(document) as Schema, DOCUMENT_ID);
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      // `/api/bookings/summary` before `/api/bookings/{id}`, as Express routes them.
      .sort((a, b) => a.parameters - b.parameters);
  }

  /** The committed openapi.json. */
  static fromFile(path = join(__dirname, '..', '..', 'openapi.json')): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** Why the response breaks the contract, or undefined when it keeps it (or is outside the API). */
  check(response: ReceivedResponse): string | undefined {
    const path = new URL(response.url, 'http://localhost').pathname;
    if (!API_PATH.test(path) || OUTSIDE_CONTRACT.some((pattern) => pattern.test(path))) return undefined;
    const method = response.method.toLowerCase();
    const route = this.routes.find((candidate) => candidate.pattern.test(path) && this.document.paths[candidate.template][method]);
    const request = `${method.toUpperCase()} ${path}`;
    if (!route) return this.checkUnknownRoute(request, response);

    const operation = this.document.paths[route.template][method];
    const name = `${request} (${operation.operationId ?? `${method.toUpperCase()} ${route.template}`})`;
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find((key) => key in operation.responses);
    if (!statusKey) {
      return `${name} answered ${response.status}, which openapi.json does not document (documented: ${Object.keys(operation.responses).join(', ')}); body: ${JSON.stringify(response.body)}`;
    }
    const content = operation.responses[statusKey].content;
    const mediaType = mediaTypeOf(response.contentType);
    if (!content) {
      const empty = !response.text && (response.body === undefined || response.body === null || JSON.stringify(response.body) === '{}');
      return empty ? undefined : `${name} answered ${response.status} with a body, but openapi.json documents none`;
    }
    if (!mediaType || !(mediaType in content)) {
      return `${name} answered ${response.status} as ${mediaType ?? 'no content type'}, but openapi.json documents ${Object.keys(content).join(', ')}`;
    }
    // A file download or another non-JSON answer: the spec says what it is, and its bytes are the route's own business.
    if (!isJson(mediaType)) return undefined;
    const validate = this.validatorFor(pointerTo('paths', route.template, method, 'responses', statusKey, 'content', mediaType, 'schema'));
    if (validate(response.body)) return undefined;
    return `${name} answered ${response.status} with a body that does not match openapi.json: ${describeErrors(validate.errors)}; body: ${JSON.stringify(response.body)}`;
  }

  /** Express answers a path (or method) no controller serves with the error body and ROUTE_NOT_FOUND. */
  private checkUnknownRoute(request: string, response: ReceivedResponse): string | undefined {
    if (response.status !== 404) return `${request} is not in openapi.json, yet it answered ${response.status}`;
    const validate = this.validatorFor(pointerTo('components', 'schemas', 'ErrorBodyDto'));
    const body = response.body as { code?: unknown };
    if (validate(body) && body.code === 'ROUTE_NOT_FOUND') return undefined;
    return `${request} is not in openapi.json; its 404 should be the error body with ROUTE_NOT_FOUND: ${describeErrors(validate.errors)}; body: ${JSON.stringify(body)}`;
  }

  private validatorFor(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

let committed: OpenApiContract | undefined;

/** The error an API test fails with when `response` breaks the committed openapi.json, or undefined. */
export function contractViolation(response: ReceivedResponse): Error | undefined {
  const mismatch = (committed ??= OpenApiContract.fromFile()).check(response);
  return mismatch === undefined ? undefined : new Error(`OpenAPI contract: ${mismatch}`);
}
