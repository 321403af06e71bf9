// First step of `npm test`: installs what the test suites need beyond npm packages on a Debian machine.
// Browser tests drive Debian's chromium, the scale-out tests start redis-server, the upload tests start clamd, and the embedded MongoDB engine
// is a Java program built with Maven (built on first use by the backend itself). The single sign-on tests run
// against a real Keycloak, downloaded once into .cache/.
import { spawnSync } from 'node:child_process';

import { ensureKeycloak } from './keycloak-dist.mjs';

const needs = [
  { command: 'chromium', pkg: 'chromium' },
  { command: 'redis-server', pkg: 'redis-server' },
  { command: 'java', pkg: 'openjdk-17-jdk-headless' },
  { command: 'mvn', pkg: 'maven' },
  { command: 'unzip', pkg: 'unzip' },
  // The virus-scanning tests start ClamAV's clamd (in /usr/sbin, which is not on every PATH).
  { command: '/usr/sbin/clamd', pkg: 'clamav-daemon' },
];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = needs.filter(({ command }) => !has(command)).map(({ pkg }) => pkg);

if (missing.length > 0) {
  const install = `apt-get update -qq && apt-get install -y -qq ${missing.join(' ')}`;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!asRoot && !sudo) {
    console.error(`The tests need Debian packages that are missing. Install them with:\n  sudo sh -c '${install}'`);
    process.exit(1);
  }
  console.log(`Installing Debian packages the tests need: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync(asRoot ? 'sh' : 'sudo', asRoot ? ['-c', install] : ['-E', 'sh', '-c', install], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    console.error(`Installing ${missing.join(', ')} failed.`);
    process.exit(1);
  }
}

try {
  await ensureKeycloak();
} catch (error) {
  console.error(`Getting Keycloak failed: ${error.message}`);
  process.exit(1);
}
