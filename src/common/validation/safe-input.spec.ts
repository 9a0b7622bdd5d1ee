import { findUnsafeInput, MAX_INPUT_DEPTH } from './safe-input';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('findUnsafeInput', () => {
  it.each([
    [{ email: 'jane@example.com', tags: ['a', 'b'], n: 1, ok: true, none: null }],
    [{ emoji: 'Zürich 🅿️' }],
    [undefined],
    [nested(MAX_INPUT_DEPTH - 1)],
  ])('accepts ordinary input %#', (value) => {
    expect(findUnsafeInput(value, 'body')).toBeUndefined();
  });

  it('names a NUL byte in a nested string by its path', () => {
    expect(findUnsafeInput({ lot: { bands: [{ label: 'ok' }, { label: 'a\u0000b' }] } }, 'body')).toEqual({
      field: 'lot.bands.1.label',
      errors: ['lot.bands.1.label must not contain NUL characters (\\u0000)'],
    });
  });

  it('names the parameter itself when the value is the string', () => {
    expect(findUnsafeInput('x\u0000', 'search')?.field).toBe('search');
  });

  it('finds a NUL byte in a property name', () => {
    expect(findUnsafeInput({ 'e\u0000': 'x' }, 'body')?.errors).toEqual(['property names must not contain NUL characters (\\u0000)']);
  });

  it.each(['\uD800', 'a\uDC00b', '\uDBFFx'])('refuses the unpaired surrogate in %j', (text) => {
    expect(findUnsafeInput({ name: text }, 'body')?.errors).toEqual(['name must be valid Unicode (no unpaired surrogates)']);
  });

  it('refuses nesting deeper than the limit, even thousands of levels, without overflowing the stack', () => {
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH + 1), 'body')?.errors[0]).toMatch(/nested deeper than 32 levels$/);
    expect(findUnsafeInput({ x: nested(100_000) }, 'body')?.field).toMatch(/^x(\.0)+$/);
  });
});
