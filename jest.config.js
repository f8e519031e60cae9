/**
 * One jest run for every layer. Tests that need the local stack (moto + the Pricing endpoint)
 * get it from test/support/global-setup.ts, which starts it unless AWS_ENDPOINT_URL already
 * points at one. Type-checking is `npm run typecheck`, so ts-jest only transpiles.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
