import { createServer, Server } from 'node:http';
import request from 'supertest';

/**
 * The check of every supertest response against openapi.json (support/openapi-contract.setup.ts) is in
 * force: a stand-in server answers GET /api/health/live rightly or wrongly, as the query asks.
 */
describe('the OpenAPI contract check of the API tests (R-API-1)', () => {
  const answers: Record<string, [number, unknown]> = {
    '': [200, { status: 'ok' }],
    '?wrong-body': [200, { status: 'dead' }],
    '?teapot': [418, { statusCode: 418, code: 'HTTP_ERROR', message: 'I am a teapot' }],
  };
  let server: Server;

  beforeAll(() => {
    server = createServer((req, res) => {
      const [status, body] = answers[(req.url ?? '').replace('/api/health/live', '')];
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    });
  });

  it('lets a response that keeps the contract through', async () => {
    await request(server).get('/api/health/live').expect(200);
  });

  it('fails a request whose body breaks the contract, with or without an expectation', async () => {
    const wrongBody = /OpenAPI contract: GET \/api\/health\/live \(getLiveness\) answered 200 with a body that does not match openapi.json: \/status must be equal to one of the allowed values/;
    await expect(request(server).get('/api/health/live?wrong-body')).rejects.toThrow(wrongBody);
    await expect(request(server).get('/api/health/live?wrong-body').expect(200)).rejects.toThrow(wrongBody);
  });

  it('fails a request answered with an undocumented status, even when the test expected that status', async () => {
    await expect(request(server).get('/api/health/live?teapot').expect(418)).rejects.toThrow(/answered 418, which openapi.json does not document \(documented: 200, 304\)/);
  });

  it("reports the test's own failed expectation first", async () => {
    await expect(request(server).get('/api/health/live?teapot').expect(200)).rejects.toThrow('expected 200 "OK", got 418');
  });
});
