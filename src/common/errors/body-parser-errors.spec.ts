import { isBodyParserError, toDomainError } from './body-parser-errors';
import { DomainError } from './domain-error';

describe('body-parser errors', () => {
  it('recognises objects with a type and a status only', () => {
    expect(isBodyParserError({ type: 'entity.parse.failed', status: 400 })).toBe(true);
    expect(isBodyParserError(Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }))).toBe(true);
    expect(isBodyParserError({ type: 'entity.parse.failed' })).toBe(false);
    expect(isBodyParserError({ status: 400 })).toBe(false);
    expect(isBodyParserError(new Error('boom'))).toBe(false);
    expect(isBodyParserError(null)).toBe(false);
    expect(isBodyParserError('entity.parse.failed')).toBe(false);
  });

  it.each([
    ['entity.parse.failed', 400, 'MALFORMED_JSON', 400],
    ['entity.invalid.utf8', 400, 'MALFORMED_JSON', 400],
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE', 413],
    ['charset.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 415],
    ['encoding.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 415],
    ['request.aborted', 400, 'VALIDATION_FAILED', 400],
  ])('%s → %s', (type, status, code, httpStatus) => {
    const error = toDomainError({ type, status });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, status: httpStatus });
  });
});
