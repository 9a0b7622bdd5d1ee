import type { Response } from 'superagent';
import request from 'supertest';
import { contractViolation } from './openapi-contract';

/**
 * Runs before every API test file (jest-api.config.js): each response a test receives through supertest is
 * checked against openapi.json, and a mismatch fails that request like a failed `.expect()`. Supertest
 * settles every request (`.expect`, `.end`, `await`) through `Test.prototype.assert`, so wrapping it covers
 * every call site. A failed expectation of the test itself is reported first.
 */

/** A test that reads a download as bytes (`.parse(binary)`) gets an error's JSON as a Buffer too. */
function jsonBodyOf(response: Response): unknown {
  const body = response.body as unknown;
  if (!Buffer.isBuffer(body) || !/json/i.test(String(response.headers['content-type']))) return body;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return body;
  }
}

type Settle = (error: Error | null, response: Response) => void;
interface SettlingTest {
  method: string;
  url: string;
  assert(resError: Error | null, response: Response | undefined, settle?: Settle): void;
}

const prototype = request.Test.prototype as unknown as SettlingTest;
const assert = prototype.assert;

prototype.assert = function (this: SettlingTest, resError, response, settle) {
  const violation =
    response &&
    contractViolation({
      method: this.method,
      url: this.url,
      status: response.status,
      contentType: response.headers['content-type'] as string | undefined,
      body: jsonBodyOf(response),
      text: response.text,
    });
  if (!violation || !settle) return assert.call(this, resError, response, settle);
  assert.call(this, resError, response, (error, settled) => settle.call(this, error ?? violation, settled));
};
