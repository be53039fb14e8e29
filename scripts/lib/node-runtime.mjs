// The project runs on the Node.js 24 that `npm install` brings (package `node`), whatever node
// started this script; dependencies are installed first when they are missing or stale.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const binDir = join(root, 'node_modules', '.bin');

export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || !existsSync(node24) || statSync(lock).mtimeMs > statSync(marker).mtimeMs;
  if (!stale) {
    return;
  }
  console.log('helpdesk: installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('helpdesk: `npm ci` failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

/** Environment for child processes: node_modules/.bin (and so Node 24) first on PATH. */
export function projectEnv(extra = {}) {
  return { ...process.env, PATH: `${binDir}:${process.env.PATH}`, ...extra };
}

/** Runs a command to completion in the project's environment; exits on failure. */
export function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: projectEnv(extraEnv) });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
