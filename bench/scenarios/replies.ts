import type { Request } from 'autocannon';

import { BenchContext } from '../lib/context';
import { loadRounds, RoundsResult } from '../lib/http-load';
import { BenchWorld, openTickets } from './world';

/**
 * Staff and client replying in turn on existing tickets (POST /api/tickets/:id/replies), on a
 * pool of tickets in the staff member's departments, 64 connections.
 */
export async function runRepliesScenario(context: BenchContext, world: BenchWorld): Promise<RoundsResult> {
  const pool = await openTickets(context, world, context.plan.replyPool, world.staff.departmentIds);
  const tokenOfClient = new Map(world.clients.map((client) => [client.id, client.token]));
  context.memory.enter('replies');
  let sequence = 0;
  const request: Request = {
    method: 'POST',
    path: '/api/tickets/0/replies',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const index = sequence++;
      const ticket = pool[Math.floor(index / 2) % pool.length];
      const byStaff = index % 2 === 1;
      return {
        ...req,
        path: `/api/tickets/${ticket.id}/replies`,
        headers: {
          ...req.headers,
          authorization: `Bearer ${byStaff ? world.staff.token : tokenOfClient.get(ticket.clientId)}`,
        },
        body: JSON.stringify({
          message: byStaff
            ? `Thanks for the details. We have reset the print queue; please try again and tell us if it still fails (${index}).`
            : `It still shows offline on two of the laptops, the others print fine now (${index}).`,
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
    `replies: ${result.median.perSecond.toFixed(0)}/s, p50 ${result.median.latency.p50} ms, p99 ${result.median.latency.p99} ms, non-2xx ${result.median.non2xx}`,
  );
  return result;
}
