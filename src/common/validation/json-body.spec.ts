import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { INVALID_UTF8, isJsonMediaType, rejectInvalidUtf8, requireJsonBody } from './json-body';

describe('isJsonMediaType', () => {
  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF8"'])('accepts %s', (type) => {
    expect(isJsonMediaType(type)).toBe(true);
  });

  it.each([undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'application/json; charset=latin1'])(
    'refuses %p',
    (type) => {
      expect(isJsonMediaType(type)).toBe(false);
    },
  );
});

describe('requireJsonBody', () => {
  const run = (headers: Record<string, string>) => {
    const next = jest.fn();
    requireJsonBody({ headers } as unknown as Request, {} as Response, next);
    return next.mock.calls[0][0] as unknown;
  };

  it.each([
    [{ 'content-type': 'text/plain', 'content-length': '7' }],
    [{ 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' }],
    [{ 'content-length': '2' }],
  ])('answers a body that is not JSON with 415: %j', (headers) => {
    expect(run(headers)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(run(headers)).toBeInstanceOf(DomainError);
  });

  it.each([[{ 'content-type': 'application/json', 'content-length': '2' }], [{}], [{ 'content-type': 'text/plain', 'content-length': '0' }]])(
    'lets JSON and requests without a body through: %j',
    (headers) => {
      expect(run(headers)).toBeUndefined();
    },
  );
});

describe('rejectInvalidUtf8', () => {
  it('accepts UTF-8 and refuses other bytes with an error body-parser passes on', () => {
    expect(() => rejectInvalidUtf8({} as never, {}, Buffer.from('{"name":"Zürich"}'))).not.toThrow();
    expect(() => rejectInvalidUtf8({} as never, {}, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toThrow(
      expect.objectContaining({ type: INVALID_UTF8, status: 400 }),
    );
  });
});
