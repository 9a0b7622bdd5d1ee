/** API tests: the real AppModule against a throw-away PostgreSQL database and a Redis key prefix. */
module.exports = {
  rootDir: '..',
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['js', 'json', 'ts'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Every response a test receives is checked against openapi.json (R-API-1).
  setupFilesAfterEnv: ['<rootDir>/test/support/openapi-contract.setup.ts'],
  testTimeout: 60000,
};
