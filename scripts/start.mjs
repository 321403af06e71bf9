// npm start: build whatever is missing or out of date, then serve API + SPA on one port (PORT, default 3000).
import { spawn } from 'node:child_process';
import { bin, isStale, root, runOrExit } from './lib.mjs';

const shared = ['package.json', 'tsconfig.json'];
if (isStale('dist/backend/main.js', ['backend/src', 'nest-cli.json', ...shared])) {
  console.log('Building the backend…');
  await runOrExit(bin('nest'), ['build']);
}
if (isStale('dist/frontend/browser/index.html', ['frontend/src', 'angular.json', 'backend/src/contracts', ...shared])) {
  console.log('Building the frontend…');
  await runOrExit(bin('ng'), ['build'], { env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
}
if (isStale('dist/frontend/browser/index.html.br', ['dist/frontend/browser/index.html'])) {
  await runOrExit(process.execPath, ['scripts/compress-assets.mjs']);
}

const server = spawn(process.execPath, ['dist/backend/main.js'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
