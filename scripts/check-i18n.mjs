// Checks the German translations against the texts the SPA marks for translation, as the Angular CLI extracts them:
// every message has a custom id ("area.component.what"), a German text with the same placeholders, and German holds
// no id the app no longer uses. Exits 1 and lists what is wrong. Usage: node scripts/check-i18n.mjs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bin, root, run } from './lib.mjs';

const GERMAN = join(root, 'frontend', 'src', 'locale', 'messages.de.json');
const CUSTOM_ID = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

const dir = mkdtempSync(join(tmpdir(), 'i18n-'));
try {
  const args = ['extract-i18n', '--format', 'json', '--output-path', dir];
  if ((await run(bin('ng'), args, { env: { ...process.env, NG_CLI_ANALYTICS: 'false' }, stdio: 'ignore' })) !== 0) {
    console.error('ng extract-i18n failed (run it to see why)');
    process.exit(1);
  }
  const source = JSON.parse(readFileSync(join(dir, 'messages.json'), 'utf8')).translations;
  const germanFile = readFileSync(GERMAN, 'utf8');
  const german = JSON.parse(germanFile).translations;
  const problems = [];
  for (const [id, text] of Object.entries(source)) {
    if (!CUSTOM_ID.test(id)) problems.push(`no custom id (i18n="@@area.component.what"): "${text.trim()}"`);
    else if (!(id in german)) problems.push(`no German for ${id}: "${text.trim()}"`);
    else if (placeholders(text) !== placeholders(german[id])) {
      problems.push(`${id}: German placeholders ${placeholders(german[id])} ≠ English ${placeholders(text)}`);
    }
  }
  for (const id of Object.keys(german))
    if (!(id in source)) problems.push(`German for an id the app does not use: ${id}`);
  const ids = Object.keys(german);
  if (ids.join() !== [...ids].sort().join()) problems.push('messages.de.json: keep the ids in alphabetical order');
  console.log(problems.length ? problems.join('\n') : `i18n: ${ids.length} messages, all translated`);
  process.exitCode = problems.length ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * "{$INTERPOLATION}, {$START_TAG_SPAN}", and inside ICU messages "{VAR_PLURAL," and "{INTERPOLATION}": the distinct
 * placeholders a message uses, sorted (ICU cases may repeat them).
 */
function placeholders(text) {
  return [...new Set(text.match(/\{\$\w+\}|\{[A-Z][A-Z0-9_]*[},]/g) ?? [])].sort().join(' ') || '(none)';
}
