import { containsPattern } from './lots.repository';

describe('containsPattern', () => {
  it('wraps the search in % and escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('main')).toBe('%main%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
