import type { Response } from 'express';
import { cachedJson, serializedJsonOf } from './cached-json';

function fakeResponse() {
  const headers: Record<string, string> = {};
  return { headers, response: { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response };
}

describe('cachedJson', () => {
  it('answers a value with its JSON, as application/json with a weak ETag of the text', () => {
    const value = { items: [{ name: 'Centre', price: 250 }], total: 1 };
    const { headers, response } = fakeResponse();
    expect(cachedJson(response, value)).toBe(JSON.stringify(value));
    expect(headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(headers.ETag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9_-]{27}"$/);
  });

  it('serializes one value once, and different values to different ETags', () => {
    const value = { total: 0, items: [] as unknown[] };
    const stringify = jest.spyOn(JSON, 'stringify');
    const first = serializedJsonOf(value);
    expect(serializedJsonOf(value)).toBe(first);
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
    expect(serializedJsonOf({ total: 1, items: [] }).etag).not.toBe(first.etag);
    // Equal contents, equal tags: a client's If-None-Match still matches after the entry is recomputed.
    expect(serializedJsonOf({ total: 0, items: [] }).etag).toBe(first.etag);
  });
});
