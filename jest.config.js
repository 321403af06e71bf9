// One Jest run, three projects: backend (unit + e2e over HTTP/Socket.IO), frontend (unit, jsdom), browser
// (playwright-core driving Debian chromium against the real app). The global setup starts one embedded MongoDB
// engine for the whole run; each suite gets its own database on it.
const { createCjsPreset } = require('jest-preset-angular/presets');

const contracts = { '^@contracts/(.*)$': '<rootDir>/backend/src/contracts/$1' };
// The Swagger CLI plugin runs in tests too, so the OpenAPI document they check is the one `nest build` serves.
const swaggerPlugin = { path: '<rootDir>/backend/test/support/swagger-transformer.js' };
const backendTransform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/backend/tsconfig.json', astTransformers: { before: [swaggerPlugin] } }],
};

module.exports = {
  globalSetup: '<rootDir>/backend/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/backend/test/support/global-teardown.ts',
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/backend'],
      testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
      transform: backendTransform,
      moduleNameMapper: contracts,
      setupFilesAfterEnv: ['<rootDir>/backend/test/support/jest-setup.ts'],
    },
    {
      displayName: 'frontend',
      ...createCjsPreset({ tsconfig: '<rootDir>/frontend/tsconfig.spec.json' }),
      roots: ['<rootDir>/frontend/src'],
      setupFilesAfterEnv: ['<rootDir>/frontend/src/test-setup.ts'],
      moduleNameMapper: contracts,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/frontend/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: backendTransform,
      moduleNameMapper: contracts,
      setupFilesAfterEnv: ['<rootDir>/backend/test/support/jest-setup.ts'],
    },
  ],
};
