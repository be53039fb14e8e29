import { Logger } from '@nestjs/common';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';

const MAX_SETUP_RETRY_MS = 30_000;

/**
 * Every broker connection's options. `noDelay`: RPC requests, replies and acks are small frames
 * written back to back, and with Nagle's algorithm on, one waits for the peer's delayed ACK
 * (tens of ms on Linux): measured, the difference between ~1,400 and several thousand RPCs/s.
 */
export const BROKER_CONNECTION_OPTIONS = {
  heartbeatIntervalInSeconds: 10,
  reconnectTimeInSeconds: 1,
  connectionOptions: { noDelay: true },
};

/**
 * Arguments of every durable queue the services declare. Read here, not passed down from each
 * service's env, because every declaration of a queue must agree; commonEnv has validated it.
 * WARNING: RabbitMQ refuses to redeclare an existing queue as another type: switching needs the
 * queues deleted (drained) first.
 */
export const DURABLE_QUEUE_ARGUMENTS: Record<string, string> =
  process.env.RABBITMQ_QUEUE_TYPE === 'quorum' ? { 'x-queue-type': 'quorum' } : {};

/** A connection that reconnects by itself (every `reconnectTimeInSeconds`) and says when it drops. */
export function connectToBroker(url: string, logger: Logger): AmqpConnectionManager {
  const connection = amqp.connect([url], BROKER_CONNECTION_OPTIONS);
  connection.on('disconnect', ({ err }) => logger.warn(`Lost the broker, reconnecting: ${err?.message ?? 'closed'}`));
  connection.on('connectFailed', ({ err }) => logger.debug(`Broker still unreachable: ${err?.message ?? 'refused'}`));
  return connection;
}

/**
 * A channel whose setup failed (e.g. the broker went away half-way through declaring the
 * topology) emits 'error', which would crash the process without a listener, and is set up
 * again only on a new connection: reconnect, backing off while it keeps failing.
 */
export function resetChannelOnError(connection: AmqpConnectionManager, channel: ChannelWrapper, logger: Logger): void {
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  channel.on('connect', () => {
    failures = 0;
  });
  channel.on('error', (error: Error) => {
    failures += 1;
    const delayMs = Math.min(500 * 2 ** failures, MAX_SETUP_RETRY_MS);
    logger.warn(`A broker channel failed (${error.message}); reconnecting in ${delayMs} ms`);
    clearTimeout(timer);
    timer = setTimeout(() => connection.isConnected() && connection.reconnect(), delayMs);
    timer.unref();
  });
}

/**
 * Acks, nacks and publishes on a channel that closed with the connection throw: the broker
 * redelivers what was not acked, so there is nothing left to do but say so.
 */
export function onOpenChannel(action: () => void, logger: Logger, what: string): void {
  try {
    action();
  } catch (error) {
    logger.warn(`Could not ${what}, the broker will redeliver: ${(error as Error).message}`);
  }
}
