import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The compiled tree this runs from (dist/, or the private copy `npm run bench` makes of it). */
export const DIST = join(__dirname, '..', '..');

/** The repository root: the nearest folder above with the project's package.json. */
export const ROOT = (() => {
  let dir = DIST;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }
  return dir;
})();

/** Service logs and CPU profiles of bench runs (git-ignored). */
export const BENCH_DATA = join(ROOT, '.data', 'bench');
