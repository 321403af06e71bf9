// npm run dev: the backend in watch mode (nest start --watch) and the SPA rebuilt on change into
// dist/frontend/browser, which the backend serves on http://localhost:3000.
import { spawn } from 'node:child_process';
import { bin, root, runOrExit } from './lib.mjs';

const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };
await runOrExit(bin('ng'), ['build', '--configuration', 'development'], { env });

const children = [
  spawn(bin('ng'), ['build', '--watch', '--configuration', 'development'], { cwd: root, stdio: 'inherit', env }),
  spawn(bin('nest'), ['start', '--watch'], { cwd: root, stdio: 'inherit', env }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) => child.on('exit', () => stop()));
