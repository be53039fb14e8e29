import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';

import { SystemRpc } from '../../libs/contracts/src';
import { RpcClient } from '../../libs/messaging/src';
import { closedLoop } from '../lib/stats';

/** The queue of the amqplib echo server (rpc-echo-server.ts). */
export const ECHO_QUEUE = 'bench.echo';

export interface RpcRateResult {
  inFlight: number;
  perSecond: number;
  completed: number;
  failed: number;
  seconds: number;
  /** CPU ms per call of each process (for the probe against a real service). */
  cpuMsPerCall?: Record<string, number>;
}

const REPLY_TO = 'amq.rabbitmq.reply-to';

/**
 * RabbitMQ's own RPC ceiling: amqplib alone (TCP_NODELAY, as the services connect), the direct
 * reply-to pseudo-queue, `inFlight` requests outstanding at all times, against the amqplib echo server.
 */
export async function probeRawRpc(
  url: string,
  inFlight: number,
  durationMs: number,
  queue = ECHO_QUEUE,
): Promise<RpcRateResult> {
  const connection = await amqp.connect(url, { noDelay: true });
  const channel = await connection.createChannel();
  const waiting = new Map<string, () => void>();
  await channel.consume(REPLY_TO, (message) => message && waiting.get(message.properties.correlationId as string)?.(), {
    noAck: true,
  });
  const request = () =>
    new Promise<void>((resolve) => {
      const id = randomUUID();
      waiting.set(id, () => {
        waiting.delete(id);
        resolve();
      });
      const content = Buffer.from(JSON.stringify({ pattern: 'system.ping', data: {}, id }));
      channel.sendToQueue(queue, content, { correlationId: id, replyTo: REPLY_TO });
    });
  try {
    await closedLoop(inFlight, 500, request);
    const result = await closedLoop(inFlight, durationMs, request);
    return { inFlight, ...result };
  } finally {
    await connection.close();
  }
}

/** The project's typed client (libs/messaging RpcClient over Nest's ClientRMQ) against a queue. */
export async function probeTypedRpc(
  url: string,
  inFlight: number,
  durationMs: number,
  queue = ECHO_QUEUE,
): Promise<RpcRateResult> {
  const client = new RpcClient<SystemRpc>(queue, { url, timeoutMs: 10_000 });
  try {
    await closedLoop(inFlight, 500, () => client.ping());
    const result = await closedLoop(inFlight, durationMs, () => client.ping());
    return { inFlight, ...result };
  } finally {
    await client.onModuleDestroy();
  }
}
