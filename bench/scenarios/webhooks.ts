import { bodyOf, WebhookReceiver } from '../../libs/testing/src';
import { BenchContext } from '../lib/context';
import { percentile, sleep } from '../lib/stats';
import { BenchWorld, openTickets } from './world';

export interface WebhooksResult {
  tickets: number;
  /** Deliveries whose first attempt reached the receiver. */
  delivered: number;
  /** From the change's commit (the event's occurredAt) to the first attempt reaching the receiver, ms. */
  commitToFirstAttemptMs: { p50: number; p95: number; max: number };
}

/**
 * Commit → first delivery attempt: one webhook on `ticket.created` pointing at a receiver in
 * this process, clients opening tickets at a modest pace (8 at a time), and for each delivery
 * the time from the event's `occurredAt` (set in the committing transaction) to the moment the
 * receiver got its first request. The path: the tickets outbox relay, RabbitMQ, the webhooks
 * consumer recording the delivery, its worker, HTTP.
 */
export async function runWebhooksScenario(context: BenchContext, world: BenchWorld): Promise<WebhooksResult> {
  const receiver = await WebhookReceiver.create();
  try {
    const admin = await context.system.api().login(context.system.admin.email, context.system.admin.password);
    await bodyOf(admin.post('/api/admin/webhooks', { url: receiver.url('/bench'), events: ['ticket.created'] }), 201);
    const count = context.plan.webhookTickets;
    context.memory.enter('webhooks');
    await openTickets(context, world, count, world.staff.departmentIds, 8);
    const deadline = Date.now() + 120_000;
    while (firstAttempts(receiver).size < count && Date.now() < deadline) {
      await sleep(200);
    }
    const latencies = [...firstAttempts(receiver).values()].sort((a, b) => a - b);
    const result = {
      tickets: count,
      delivered: latencies.length,
      commitToFirstAttemptMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        max: latencies[latencies.length - 1] ?? NaN,
      },
    };
    context.log(
      `webhooks: ${result.delivered}/${count} delivered; commit → first attempt p50 ${result.commitToFirstAttemptMs.p50} ms, p95 ${result.commitToFirstAttemptMs.p95} ms`,
    );
    return result;
  } finally {
    await receiver.stop();
  }
}

/** Each delivery's first request: ms from its event's occurredAt. */
function firstAttempts(receiver: WebhookReceiver): Map<string, number> {
  const first = new Map<string, number>();
  for (const request of receiver.received) {
    const id = String(request.headers['x-helpdesk-delivery']);
    if (!first.has(id)) {
      const { occurredAt } = JSON.parse(request.body) as { occurredAt: string };
      first.set(id, request.receivedAt - Date.parse(occurredAt));
    }
  }
  return first;
}
