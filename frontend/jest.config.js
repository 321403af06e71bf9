// TEMPORARY: frontend unit tests only, without the backend's global setup. Delete once the root config is merged.
const { createCjsPreset } = require('jest-preset-angular/presets');

const rootDir = require('node:path').resolve(__dirname, '..');

module.exports = {
  rootDir,
  projects: [
    {
      rootDir,
      displayName: 'frontend',
      ...createCjsPreset({ tsconfig: '<rootDir>/frontend/tsconfig.spec.json' }),
      roots: ['<rootDir>/frontend/src'],
      setupFilesAfterEnv: ['<rootDir>/frontend/src/test-setup.ts'],
      moduleNameMapper: { '^@contracts/(.*)$': '<rootDir>/backend/src/contracts/$1' },
    },
  ],
};
