import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Integration and e2e specs run the compiled services: build once unless `npm test` just did. */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..', '..');
  if (process.env.HELPDESK_SKIP_BUILD === '1' && existsSync(join(root, 'dist'))) {
    return;
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
