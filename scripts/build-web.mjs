// Builds the web app (services/web, React + Vite) into dist/web, which the gateway serves.
// Skips the build when dist/web is newer than every source file; `--force` builds anyway.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'services', 'web');
const outDir = process.env.WEB_DIST_DIR ?? join(root, 'dist', 'web');
const stamp = join(outDir, '.build-stamp');

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules' && entry !== 'dist') {
      newest = Math.max(newest, newestMtime(join(path, entry)));
    }
  }
  return newest;
}

const sourcesChanged = () =>
  Math.max(newestMtime(webDir), newestMtime(join(root, 'package-lock.json')), newestMtime(import.meta.filename));

if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged()) {
  console.log(`build-web: ${outDir} is up to date`);
} else {
  const started = Date.now();
  const { build } = await import('vite');
  await build({
    configFile: join(webDir, 'vite.config.mts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`build-web: built the web app into ${outDir} in ${Date.now() - started} ms`);
}
