import { BenchChild } from '../lib/child';
import { LatencySampler, loadRounds, RoundsResult } from '../lib/http-load';
import { Latency } from '../lib/stats';

export interface HttpNoopResult {
  load: RoundsResult;
  /** One request at a time. */
  latency: Latency;
}

/** Nest on Fastify answering a route that does nothing: 64 connections, then one at a time. */
export async function probeHttpNoop(
  connections: number,
  durationSeconds: number,
  rounds: number,
  warmupSeconds: number,
  samples: number,
): Promise<HttpNoopResult> {
  const server = await BenchChild.start<{ url: string }>('probes/http-noop-server');
  try {
    const load = await loadRounds(
      { url: server.ready.url, connections, durationSeconds, requests: [{ method: 'GET', path: '/noop' }] },
      rounds,
      warmupSeconds,
    );
    const sampler = new LatencySampler(server.ready.url);
    const latency = await sampler.measure('/noop', undefined, samples, 20);
    sampler.close();
    return { load, latency };
  } finally {
    await server.stop();
  }
}
