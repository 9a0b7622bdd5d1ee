import type { FieldError } from './validation.pipe';

/**
 * How deep a request's JSON may nest. Our DTOs need a handful of levels; class-transformer, Nest's
 * prototype stripping and class-validator all recurse, so thousands of levels would overflow the stack.
 */
export const MAX_INPUT_DEPTH = 32;

const NUL = '\u0000';
/** A high surrogate without its low half, or a low one without its high half (String#isWellFormed is ES2024). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL (or a fair reader) could not take this string, or undefined when it is fine. */
function stringProblem(value: string): string | undefined {
  // PostgreSQL refuses NUL in text; an unpaired surrogate is no character at all and cannot be UTF-8.
  if (value.includes(NUL)) return 'must not contain NUL characters (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) return 'must be valid Unicode (no unpaired surrogates)';
  return undefined;
}

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * The first field of a request's body, query or route parameters that no DTO should see: a string
 * PostgreSQL would refuse (an error there is a 500, not the caller's 400) or nesting deeper than
 * MAX_INPUT_DEPTH. Fields are named like class-validator's (`items.0.name`); `root` names the value
 * itself. Walks with its own stack, so deep input cannot overflow the call stack here either.
 */
export function findUnsafeInput(value: unknown, root: string): FieldError | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const field = next.path || root;
    if (typeof next.value === 'string') {
      const problem = stringProblem(next.value);
      if (problem) return { field, errors: [`${field} ${problem}`] };
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_INPUT_DEPTH) return { field, errors: [`${field} is nested deeper than ${MAX_INPUT_DEPTH} levels`] };
    for (const [key, child] of Object.entries(next.value)) {
      const problem = stringProblem(key);
      if (problem) return { field: join(next.path, key), errors: [`property names ${problem}`] };
      pending.push({ value: child, path: join(next.path, key), depth: next.depth + 1 });
    }
  }
  return undefined;
}
