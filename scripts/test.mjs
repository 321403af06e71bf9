// npm test: the Debian packages the suites need (installed when missing), the formatting, lint and translation checks, fresh
// builds of the SPA and the server, then every Jest suite (backend unit + e2e, frontend unit, browser). Ends with
// one line "N passed, N failed" summed over all of them.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, run } from './lib.mjs';

if ((await run(process.execPath, ['scripts/test-setup.mjs'])) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };

const formatting = await run(bin('prettier'), [
  '--check',
  '{backend,frontend}/**/*.{ts,html}',
  'scripts/**/*.mjs',
  '--log-level',
  'warn',
]);
formatting === 0 ? passed++ : failed++;
console.log(formatting === 0 ? 'Formatting: ok' : 'Formatting: run "npm run format"');

const lint = await run(bin('eslint'), ['.', '--max-warnings', '0']);
lint === 0 ? passed++ : failed++;
console.log(lint === 0 ? 'Lint: ok' : 'Lint: see the findings above ("npx eslint . --fix" fixes many)');

const translations = await run(process.execPath, ['scripts/check-i18n.mjs'], { env });
translations === 0 ? passed++ : failed++;

// The browser tests serve the built SPA (precompressed, as `npm start` serves it); the shutdown test runs the built
// server as operators do.
for (const [command, args] of [
  [bin('ng'), ['build']],
  [process.execPath, ['scripts/compress-assets.mjs']],
  [bin('nest'), ['build']],
]) {
  if ((await run(command, args, { env })) !== 0) failed++;
}

const report = join(tmpdir(), `jest-report-${process.pid}.json`);
// --forceExit: a suite that leaves a handle open (a browser, a socket) must not hang the run after it has finished.
// Two workers even on two cores (Jest's default there is one): most suites spend their time waiting on the server,
// the browser or a timer, so the second worker nearly halves the run.
await run(
  bin('jest'),
  ['--json', `--outputFile=${report}`, '--forceExit', '--maxWorkers=2', ...process.argv.slice(2)],
  { env },
);
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  rmSync(report);
} catch {
  failed++;
  console.error('Jest produced no report');
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
