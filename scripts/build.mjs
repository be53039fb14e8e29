// Compiles every service and lib to dist/ (CommonJS, decorator metadata), rewriting the
// @helpdesk/* aliases to relative paths so the output runs on plain node.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const SOURCE_DIRS = ['libs', 'services', 'bench'];
const SKIPPED = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.d\.ts)$/;

const swcOptions = (filename) => ({
  filename,
  sourceMaps: true,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    baseUrl: root,
    paths: { '@helpdesk/config/source-maps': ['libs/config/src/source-maps'], '@helpdesk/*': ['libs/*/src'] },
    keepClassNames: true,
  },
});

async function* typescriptFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'test', 'web'].includes(entry.name)) {
        yield* typescriptFiles(path);
      }
    } else if (entry.name.endsWith('.ts') && !SKIPPED.test(entry.name)) {
      yield path;
    }
  }
}

async function build() {
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  const jobs = [];
  for (const dir of SOURCE_DIRS) {
    for await (const file of typescriptFiles(join(root, dir))) {
      jobs.push(compile(file));
    }
  }
  await Promise.all(jobs);
  console.log(`build: compiled ${jobs.length} files to dist/ in ${Date.now() - started} ms`);
}

async function compile(file) {
  const { code, map } = await transformFile(file, swcOptions(file));
  const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  if (map) {
    await writeFile(`${target}.map`, map);
  }
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
