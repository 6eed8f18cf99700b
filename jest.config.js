/**
 * Jest runs the TypeScript sources through ts-jest (type checking is the separate
 * `typecheck` step). Suites run in parallel, one per core (Jest's CI default would
 * keep one core idle); each suite starts its own in-memory engine, server and
 * browser, so no two share state. JEST_WORKERS overrides the count.
 */
const os = require('node:os');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/packages/embedded-mongo/tests'],
  // The engine package, by the name the app imports it under (tsconfig.json's paths).
  moduleNameMapper: {
    '^@woodpecker/embedded-mongo$': '<rootDir>/packages/embedded-mongo/src/index.ts',
    '^@woodpecker/embedded-mongo/src/(.*)$': '<rootDir>/packages/embedded-mongo/src/$1',
  },
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
  maxWorkers: Number(process.env.JEST_WORKERS) || Math.max(2, os.availableParallelism()),
};
