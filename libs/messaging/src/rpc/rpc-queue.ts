import { RmqOptions, Transport } from '@nestjs/microservices';

/** Both ends assert the queue with these arguments: a mismatch makes RabbitMQ refuse the channel. */
export const RPC_QUEUE_OPTIONS = { durable: true };

export const CORRELATION_HEADER = 'x-correlation-id';

export function rpcServerOptions(url: string, queue: string, prefetchCount: number): RmqOptions {
  return {
    transport: Transport.RMQ,
    options: {
      urls: [url],
      queue,
      queueOptions: RPC_QUEUE_OPTIONS,
      // Acked by RpcContextInterceptor; with noAck the broker would push the whole backlog at once.
      noAck: false,
      prefetchCount,
      socketOptions: { heartbeatIntervalInSeconds: 10, reconnectTimeInSeconds: 1 },
    },
  };
}
