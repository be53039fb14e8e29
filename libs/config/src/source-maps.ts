import { setSourceMapsSupport } from 'node:module';

/**
 * Stack traces point into the TypeScript sources of our own code, not into node_modules: every
 * service's main.ts imports this first. `node --enable-source-maps` would also read and keep the
 * source maps that dependencies ship (TypeORM, rxjs, …), about 7 MB of memory per service.
 */
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
