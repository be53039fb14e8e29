// `npm run bench`: install if needed, build, then run the benchmarks on the project's Node 24
// against the PostgreSQL and RabbitMQ on localhost. Arguments go to the runner (bench/run.ts):
// `npm run bench -- --quick`, `npm run bench -- --only=list`. The run uses a private copy of
// dist/ (.data/bench/dist), so a build started meanwhile (npm test) cannot pull it away.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { requireInfrastructure } from './lib/infrastructure.mjs';
import { ensureInstalled, node24, root, run } from './lib/node-runtime.mjs';

ensureInstalled();
await requireInfrastructure();
run(node24, ['scripts/build.mjs']);
const copy = join(root, '.data', 'bench', 'dist');
rmSync(copy, { recursive: true, force: true });
for (const dir of ['libs', 'services', 'bench']) {
  cpSync(join(root, 'dist', dir), join(copy, dir), { recursive: true });
}
run(node24, ['--enable-source-maps', join(copy, 'bench', 'run.js'), ...process.argv.slice(2)]);
