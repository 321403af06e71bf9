// The Keycloak distribution the single sign-on tests run against: downloaded once from Maven Central, checked
// against the SHA-1 published next to it, unpacked into the gitignored .cache/ directory and built once for the tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { root } from './lib.mjs';

export const KEYCLOAK_VERSION = '25.0.6';
const base = `https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/${KEYCLOAK_VERSION}`;
const zipUrl = `${base}/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`;
const cache = join(root, '.cache');
export const keycloakHome = join(cache, `keycloak-${KEYCLOAK_VERSION}`);
/**
 * Build-time options, applied once here so every test start can skip Keycloak's ~15 s build step (`start
 * --optimized`; start-dev cannot skip it). Keep in sync with backend/test/support/keycloak.ts, which checks the marker.
 */
const buildOptions = ['--db=dev-mem'];
const builtMarker = join(keycloakHome, '.built-for-tests');

async function download(url, file) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const sha1 = createHash('sha1');
  const body = Readable.fromWeb(response.body);
  body.on('data', (chunk) => sha1.update(chunk));
  await pipeline(body, createWriteStream(file));
  return sha1.digest('hex');
}

/** Resolves once Keycloak is unpacked and built in .cache/keycloak-<version>/ (a no-op when it already is). */
export async function ensureKeycloak() {
  if (existsSync(builtMarker)) return;
  if (!existsSync(join(keycloakHome, 'bin', 'kc.sh'))) await unpack();
  console.log(`Building Keycloak ${KEYCLOAK_VERSION} for the tests`);
  const build = spawnSync(join(keycloakHome, 'bin', 'kc.sh'), ['build', ...buildOptions], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`kc.sh build failed:\n${build.stdout}${build.stderr}`);
  writeFileSync(builtMarker, `${buildOptions.join(' ')}\n`);
}

async function unpack() {
  mkdirSync(cache, { recursive: true });
  // Everything happens in a scratch directory first, so an interrupted run never leaves a half-unpacked copy.
  const scratch = mkdtempSync(join(cache, 'keycloak-download-'));
  try {
    console.log(`Downloading Keycloak ${KEYCLOAK_VERSION} (about 150 MB) for the single sign-on tests`);
    const expected = (await (await fetch(`${zipUrl}.sha1`)).text()).trim().slice(0, 40);
    const zip = join(scratch, 'keycloak.zip');
    const actual = await download(zipUrl, zip);
    if (actual !== expected) throw new Error(`${zipUrl}: SHA-1 ${actual}, Maven Central publishes ${expected}`);
    const unzip = spawnSync('unzip', ['-q', zip, '-d', scratch], { stdio: 'inherit' });
    if (unzip.status !== 0) throw new Error(`unzip ${zip} failed`);
    renameSync(join(scratch, `keycloak-${KEYCLOAK_VERSION}`), keycloakHome);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
