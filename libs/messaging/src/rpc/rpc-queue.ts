import { CustomStrategy } from '@nestjs/microservices';

import { BROKER_CONNECTION_OPTIONS, DURABLE_QUEUE_ARGUMENTS } from '../broker/broker-link';
import { ResilientRmqServer } from '../broker/resilient-rmq';

/** Both ends assert the queue with these arguments: a mismatch makes RabbitMQ refuse the channel. */
export const RPC_QUEUE_OPTIONS = { durable: true, arguments: DURABLE_QUEUE_ARGUMENTS };

export const CORRELATION_HEADER = 'x-correlation-id';

export function rpcServerOptions(url: string, queue: string, prefetchCount: number): CustomStrategy {
  return {
    strategy: new ResilientRmqServer({
      urls: [url],
      queue,
      queueOptions: RPC_QUEUE_OPTIONS,
      // Acked by RpcContextInterceptor; with noAck the broker would push the whole backlog at once.
      noAck: false,
      prefetchCount,
      socketOptions: BROKER_CONNECTION_OPTIONS,
    }),
  };
}
