import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** dist/web beside the compiled services, wherever the project (or the image) is. */
export const DEFAULT_WEB_DIST_DIR = join(__dirname, '..', '..', '..', '..', 'web');

/** Paths the web app never answers, so the API's own 404s stay JSON. */
const API_PATH = /^\/(api|health)(\/|$)/;

/** The app's page: it may load only its own scripts and styles, and talk only to this API. */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the built web app (services/web) from `directory`: its files as they are, and its page
 * for every other GET outside /api and /health, so that /admin/tickets/42 or a mail's link to
 * /client/tickets/42 opens the app on a reload too. Without a build, the gateway serves the API only.
 */
export async function serveWebApp(app: NestFastifyApplication, directory: string): Promise<void> {
  const logger = new Logger('WebApp');
  const root = resolve(directory);
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn(`No web app in '${root}' (build it with 'npm run build:web'); serving the API only`);
    return;
  }
  // An encapsulated plugin: its reply decorators stay its own, whatever else registers @fastify/static.
  await app.register(async (instance: FastifyInstance) => {
    await instance.register(fastifyStatic, { root, serve: false });
    instance.get('/*', (request, reply) => answer(root, request, reply));
  });
  logger.log(`Serving the web app from '${root}'`);
}

async function answer(root: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const path = request.url.split('?', 1)[0];
  if (API_PATH.test(path)) {
    reply.callNotFound();
    return reply;
  }
  const file = webAppFileOf(root, path);
  if (file && (await isFile(join(root, file)))) {
    // Vite names built assets by their content: they never change, so browsers may keep them.
    const cacheControl = file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.header('cache-control', cacheControl).sendFile(file, { cacheControl: false });
  }
  if (/\.[a-z0-9]+$/i.test(path)) {
    // A missing file (an old asset, a typo) is a 404, not the app's page.
    reply.callNotFound();
    return reply;
  }
  return reply.headers(PAGE_HEADERS).sendFile('index.html', { cacheControl: false });
}

/** The file a path names inside `root` (relative to it), or null for anything that would leave it. */
export function webAppFileOf(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const relative = decoded.replace(/^\/+/, '');
  if (!relative || relative.includes('\0')) {
    return null;
  }
  const full = resolve(root, relative);
  return full.startsWith(root + sep) ? full.slice(root.length + 1) : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
