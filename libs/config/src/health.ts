import { createServer, Server } from 'node:http';

import { metricsRegistry } from './metrics';

export type HealthCheck = () => Promise<unknown>;

/** Thrown by a check whose failure leaves the service working, but not wholly (a mailbox it cannot reach). */
export class Degraded extends Error {}

/**
 * `GET /health/live` answers 200 while the process runs; `GET /health` (readiness) runs every
 * check and answers 503 naming the ones that fail (200 with status `degraded` when only checks
 * that throw Degraded fail); `GET /metrics` is the process's Prometheus metrics.
 */
export function startHealthServer(port: number, checks: Record<string, HealthCheck>): Server | undefined {
  if (!port) {
    return undefined;
  }
  const server = createServer((request, response) => {
    if (request.url === '/health/live') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (request.url === '/metrics') {
      void metricsRegistry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    if (request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    void runHealthChecks(checks).then((report) => {
      response
        .writeHead(report.status === 'unavailable' ? 503 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(report));
    });
  });
  server.listen(port, '0.0.0.0');
  return server;
}

export async function runHealthChecks(checks: Record<string, HealthCheck>) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2_000);
        return [name, 'ok', false] as const;
      } catch (error) {
        return [name, (error as Error).message || 'failed', error instanceof Degraded] as const;
      }
    }),
  );
  const failing = results.filter(([, outcome]) => outcome !== 'ok');
  const status = failing.length === 0 ? 'ok' : failing.every(([, , degraded]) => degraded) ? 'degraded' : 'unavailable';
  return { status, checks: Object.fromEntries(results.map(([name, outcome]) => [name, outcome])) };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
