// The web app's own build: `node scripts/build-web.mjs` (dist/web, served by the gateway) or the
// dev server `npx vite --config services/web/vite.config.mts`, which proxies the API.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const contracts = fileURLToPath(new URL('../../libs/contracts/src', import.meta.url));
const apiTarget = process.env.HELPDESK_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The contracts carry the services' validation decorators: the browser may use their types and
 * nothing else, so loading one of their modules into the bundle is a build error.
 */
function contractsAreTypesOnly(): Plugin {
  return {
    name: 'helpdesk:contracts-are-types-only',
    enforce: 'pre',
    load(id) {
      if (id.startsWith(contracts)) {
        throw new Error(`${id}: the web app may only import types from @helpdesk/contracts (import type { … })`);
      }
      return null;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@helpdesk/contracts': contracts } },
  plugins: [contractsAreTypesOnly()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: {
    port: 5173,
    proxy: { '/api': apiTarget, '/health': apiTarget },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Router and TanStack Query mark their modules "use client", which only matters to servers.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
});
