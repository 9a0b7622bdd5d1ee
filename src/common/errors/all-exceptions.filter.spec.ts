import {
  ArgumentsHost,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { AllExceptionsFilter, describeCause, toErrorBody, UNREACHABLE_RETRY_AFTER_SECONDS } from './all-exceptions.filter';
import { DomainError } from './domain-error';

const GENERIC = 'Something went wrong on our side';

describe('AllExceptionsFilter', () => {
  let logError: jest.SpyInstance;

  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('toErrorBody', () => {
    it('maps a DomainError to its status, code, message and details', () => {
      const details = [{ field: 'email', errors: ['email must be a valid e-mail address'] }];
      expect(toErrorBody(new DomainError('VALIDATION_FAILED', 'Invalid input', details))).toEqual({
        body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid input', details },
        headers: {},
      });
      const { body } = toErrorBody(DomainError.notFound('Lot'));
      expect(body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Lot not found' });
      expect('details' in body).toBe(false);
    });

    it('passes the headers of RATE_LIMITED on', () => {
      expect(toErrorBody(DomainError.rateLimited(30))).toEqual({
        body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests; try again later', details: { retryAfterSeconds: 30 } },
        headers: { 'Retry-After': '30' },
      });
    });

    it.each([
      [new NotFoundException('Cannot GET /api/nope'), 404, 'ROUTE_NOT_FOUND', 'Cannot GET /api/nope'],
      [new UnauthorizedException(), 401, 'UNAUTHORIZED', 'Unauthorized'],
      [new ForbiddenException(), 403, 'FORBIDDEN', 'Forbidden'],
      [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large'],
      [new UnsupportedMediaTypeException(), 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type'],
      [new HttpException('Teapot', 418), 418, 'HTTP_ERROR', 'Teapot'],
    ])('maps %p to %d %s', (error, statusCode, code, message) => {
      expect(toErrorBody(error)).toEqual({ body: { statusCode, code, message }, headers: {} });
    });

    it('keeps an HttpException response that already has a code', () => {
      const error = new HttpException({ code: 'LOT_FULL', message: 'The lot is full' }, 409);
      expect(toErrorBody(error).body).toEqual({ statusCode: 409, code: 'LOT_FULL', message: 'The lot is full' });
    });

    it('hides the message of a 5xx HttpException', () => {
      expect(toErrorBody(new InternalServerErrorException('pool exhausted at db-1')).body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: GENERIC,
      });
      expect(toErrorBody(new ServiceUnavailableException('redis down')).body).toEqual({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The service is shutting down or unavailable',
      });
    });

    it.each([new Error('password authentication failed for user "postgres"'), new TypeError('x is undefined'), 'a string', undefined])(
      'maps an unknown %p to a generic 500 without leaking it',
      (error) => {
        const result = toErrorBody(error);
        expect(result).toEqual({ body: { statusCode: 500, code: 'INTERNAL_ERROR', message: GENERIC }, headers: {} });
        expect(JSON.stringify(result)).not.toMatch(/postgres|undefined|string|at /);
      },
    );
  });

  describe('when PostgreSQL is unreachable (R-ROB-2)', () => {
    it.each([
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ])('answers %p with 503 SERVICE_UNAVAILABLE and Retry-After, without internals', (error) => {
      const result = toErrorBody(error);
      expect(result).toEqual({
        body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
        headers: { 'Retry-After': String(UNREACHABLE_RETRY_AFTER_SECONDS) },
      });
      expect(result.body.message).not.toMatch(/5432|ECONN|administrator/);
    });
  });

  describe('describeCause', () => {
    it('joins the stacks of an error and its causes, with the driver code', () => {
      const root = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      const text = describeCause(new Error('query failed', { cause: root }));
      expect(text).toContain('Error: query failed\n    at ');
      expect(text).toContain(`Caused by: ${root.stack} [code ECONNREFUSED]`);
    });
  });

  describe('catch', () => {
    function fakeHost(headersSent = false) {
      const response = { headersSent, set: jest.fn(), status: jest.fn(), json: jest.fn() };
      response.set.mockReturnValue(response);
      response.status.mockReturnValue(response);
      const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
      return { host, response };
    }

    it('sets the headers and status and sends the body', () => {
      const { host, response } = fakeHost();
      new AllExceptionsFilter().catch(DomainError.rateLimited(7), host);
      expect(response.set).toHaveBeenCalledWith({ 'Retry-After': '7' });
      expect(response.status).toHaveBeenCalledWith(429);
      expect(response.json).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 429, code: 'RATE_LIMITED' }));
      expect(logError).not.toHaveBeenCalled();
    });

    it('logs the stack of a 500 but sends only the generic body', () => {
      const { host, response } = fakeHost();
      const error = new Error('secret internals');
      new AllExceptionsFilter().catch(error, host);
      expect(logError).toHaveBeenCalledWith(error.stack);
      expect(response.status).toHaveBeenCalledWith(500);
      expect(response.json).toHaveBeenCalledWith({ statusCode: 500, code: 'INTERNAL_ERROR', message: GENERIC });
    });

    it('logs a deliberate 5xx (a DomainError) as a warning with its code', () => {
      const logWarn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { host, response } = fakeHost();
      new AllExceptionsFilter().catch(new DomainError('SERVICE_UNAVAILABLE', 'Queue down'), host);
      expect(logWarn).toHaveBeenCalledWith('503 SERVICE_UNAVAILABLE: Queue down');
      expect(logError).not.toHaveBeenCalled();
      expect(response.status).toHaveBeenCalledWith(503);
    });

    it('does nothing to the response when the headers were already sent', () => {
      const { host, response } = fakeHost(true);
      new AllExceptionsFilter().catch(new DomainError('FORBIDDEN'), host);
      expect(response.set).not.toHaveBeenCalled();
      expect(response.status).not.toHaveBeenCalled();
      expect(response.json).not.toHaveBeenCalled();
    });
  });
});
