// `npm run test:faults`: the fault suite (test/faults), alone and one spec at a time, since it cuts
// links and kills processes; then a report per fault of what clients saw and what was stored.
// FAULT_OUTAGE_MS shortens the 20 s outages (CI may); extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { requireInfrastructure } from './lib/infrastructure.mjs';
import { ensureInstalled, node24, projectEnv, root, run } from './lib/node-runtime.mjs';

const reportPath = join(root, 'dist', 'faults-report.jsonl');

ensureInstalled();
await requireInfrastructure();
run(node24, ['scripts/build.mjs']);
rmSync(reportPath, { force: true });
const jestEnv = {
  NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
  HELPDESK_SKIP_BUILD: '1',
};
const jest = spawnSync('jest', ['--selectProjects', 'faults', '--runInBand', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: projectEnv(jestEnv),
});
printReport();
process.exit(jest.status ?? 1);

function printReport() {
  if (!existsSync(reportPath)) {
    return;
  }
  const rows = readFileSync(reportPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const header = [
    'fault',
    'outage s',
    'requests',
    'mails',
    'errors by code',
    'recovery s',
    'lost',
    'duplicated',
    'done despite error',
  ];
  const table = rows.map((row) => [
    row.fault,
    row.outageSeconds,
    row.requests,
    row.mails,
    Object.entries(row.errorsByCode)
      .map(([code, count]) => `${code}: ${count}`)
      .join(', ') || 'none',
    row.recoverySeconds,
    row.lost,
    row.duplicated,
    row.storedDespiteError,
  ]);
  console.log(`\nFault report (${reportPath})\n`);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const cells of table) {
    console.log(`| ${cells.join(' | ')} |`);
  }
}
