// One Jest run, three projects: backend (unit + e2e over HTTP/Socket.IO), frontend (unit, jsdom), browser
// (playwright-core driving Debian chromium against the real app). The global setup starts one embedded MongoDB
// engine for the whole run; each suite gets its own database on it.
const { createCjsPreset } = require('jest-preset-angular/presets');

const contracts = { '^@contracts/(.*)$': '<rootDir>/backend/src/contracts/$1' };
// The Swagger CLI plugin runs in tests too, so the OpenAPI document they check is the one `nest build` serves.
const swaggerPlugin = { path: '<rootDir>/backend/test/support/swagger-transformer.js' };
const backendTransform = {
  '^.+\\.ts$': [
    'ts-jest',
    { tsconfig: '<rootDir>/backend/tsconfig.json', astTransformers: { before: [swaggerPlugin] } },
  ],
  // ESM-only packages the server loads with Node's require(esm); Jest's module system needs them as CommonJS.
  '^.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, isolatedModules: true },
  ],
};
const esmOnly = ['file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];
const backendModules = {
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // file-type offers its Node entry (with fileTypeFromFile) under "import" only.
  moduleNameMapper: { ...contracts, '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
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
      ...backendModules,
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
      ...backendModules,
      setupFilesAfterEnv: ['<rootDir>/backend/test/support/jest-setup.ts'],
    },
  ],
};
