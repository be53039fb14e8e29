// `npm test`: install if needed, build, typecheck, lint and format check, then unit, integration, end-to-end and fault tests
// against the PostgreSQL and RabbitMQ on localhost (and an S3 server and SMTP sinks the tests start).
import { requireInfrastructure } from './lib/infrastructure.mjs';
import { ensureInstalled, node24, run } from './lib/node-runtime.mjs';

ensureInstalled();
await requireInfrastructure();
const extraArgs = process.argv.slice(2);
const jestEnv = { NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' };
run(node24, ['scripts/build.mjs']);
run(node24, ['scripts/build-web.mjs']);
run('tsc', ['-p', 'tsconfig.json', '--noEmit']);
run('tsc', ['-p', 'services/web/tsconfig.json', '--noEmit']);
run('tsc', ['-p', 'services/web/tsconfig.node.json', '--noEmit']);
run('eslint', ['.']);
run('npm', ['run', '--silent', 'format:check']);
run('jest', ['--selectProjects', 'unit', ...extraArgs], jestEnv);
run('jest', ['--selectProjects', 'int', '--runInBand', '--passWithNoTests', ...extraArgs], jestEnv);
run('jest', ['--selectProjects', 'e2e', '--maxWorkers=2', ...extraArgs], jestEnv);
// Last and alone: it cuts the broker and database links and kills processes.
run(node24, ['scripts/test-faults.mjs', ...extraArgs]);
