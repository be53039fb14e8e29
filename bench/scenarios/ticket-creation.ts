import type { Request } from 'autocannon';

import { BenchContext } from '../lib/context';
import { loadRounds, RoundsResult } from '../lib/http-load';
import { BenchWorld } from './world';

const MESSAGE =
  'Hello, since this morning the printer on the second floor shows "offline" on every laptop, ' +
  'although it is switched on and answers a ping. We restarted it twice. Could you have a look? ' +
  'It is the one next to the kitchen (asset tag PR-2231).';

/** Clients opening tickets through the gateway: POST /api/tickets, JSON, 64 connections. */
export async function runCreationScenario(context: BenchContext, world: BenchWorld): Promise<RoundsResult> {
  context.memory.enter('creation');
  let sequence = 0;
  const request: Request = {
    method: 'POST',
    path: '/api/tickets',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const index = sequence++;
      const client = world.clients[index % world.clients.length];
      return {
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${client.token}` },
        body: JSON.stringify({
          departmentId: world.departments[index % world.departments.length].id,
          subject: `Printer offline on floor 2 (${index})`,
          message: MESSAGE,
        }),
      };
    },
  };
  const cpuBefore = await context.cpu.snapshot();
  const result = await loadRounds(
    {
      url: context.system.baseUrl,
      connections: context.plan.connections,
      durationSeconds: context.plan.seconds,
      requests: [request],
    },
    context.plan.rounds,
    context.plan.warmupSeconds,
  );
  result.cpuMsPerRequest = await context.cpu.perUnit(cpuBefore, result.totalOk);
  context.log(
    `creation: ${result.median.perSecond.toFixed(0)}/s, p50 ${result.median.latency.p50} ms, p99 ${result.median.latency.p99} ms, non-2xx ${result.median.non2xx}`,
  );
  return result;
}
