import { RmqOptions, Transport } from '@nestjs/microservices';

/** Both ends assert the queue with these arguments: a mismatch makes RabbitMQ refuse the channel. */
export const RPC_QUEUE_OPTIONS = { durable: true };

export const CORRELATION_HEADER = 'x-correlation-id';

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
      socketOptions: BROKER_CONNECTION_OPTIONS,
    },
  };
}
