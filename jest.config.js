/** Unit tests: pure rules next to the code they test, and the API tests' own helpers (test/support). */
module.exports = {
  rootDir: 'src',
  roots: ['<rootDir>', '<rootDir>/../test/support'],
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['js', 'json', 'ts'],
  testEnvironment: 'node',
};
