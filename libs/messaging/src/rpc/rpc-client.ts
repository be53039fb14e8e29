import { Logger, OnModuleDestroy } from '@nestjs/common';
import { RmqRecordBuilder } from '@nestjs/microservices';
import { currentCorrelationId } from '@helpdesk/config';
import { PingResult, SystemPatterns } from '@helpdesk/contracts';
import { firstValueFrom, timeout } from 'rxjs';

import { BROKER_CONNECTION_OPTIONS } from '../broker/broker-link';
import { ResilientRmqClient } from '../broker/resilient-rmq';
import { CORRELATION_HEADER, RPC_QUEUE_OPTIONS } from './rpc-queue';
import { UpstreamError } from './upstream-error';

/** A map of patterns to the payload each takes and the result it answers (TicketRpc, AccessRpc, …). */
export type RpcContract<M> = { [P in keyof M]: { payload: unknown; result: unknown } };

export interface RpcClientOptions {
  url: string;
  timeoutMs: number;
}

/**
 * A typed request/response client for one service's queue. Each request expires in the broker
 * when its caller stops waiting, so a service that comes back after an outage does not act on
 * requests whose callers were already told they failed.
 */
export class RpcClient<M extends RpcContract<M>> implements OnModuleDestroy {
  private readonly logger = new Logger(RpcClient.name);
  private readonly client: ResilientRmqClient;
  private brokerConnected = true;

  constructor(
    private readonly queue: string,
    private readonly options: RpcClientOptions,
  ) {
    this.client = new ResilientRmqClient({
      urls: [options.url],
      queue,
      queueOptions: RPC_QUEUE_OPTIONS,
      persistent: false,
      socketOptions: BROKER_CONNECTION_OPTIONS,
    });
    this.client.status.subscribe((status) => {
      this.brokerConnected = status !== 'disconnected';
    });
  }

  send<P extends keyof M & string>(pattern: P, payload: M[P]['payload']): Promise<M[P]['result']> {
    return this.request<M[P]['result']>(pattern, payload);
  }

  /** A no-op round trip to the service: is it there and answering? */
  ping(): Promise<PingResult> {
    return this.request<PingResult>(SystemPatterns.Ping, {});
  }

  private async request<R>(pattern: string, payload: unknown): Promise<R> {
    const record = new RmqRecordBuilder(payload)
      .setOptions({
        expiration: String(this.options.timeoutMs),
        headers: { [CORRELATION_HEADER]: currentCorrelationId() ?? '' },
      })
      .build();
    try {
      return await firstValueFrom(this.client.send<R>(pattern, record).pipe(timeout(this.options.timeoutMs)));
    } catch (error) {
      const upstream = UpstreamError.from(error, this.queue, this.brokerConnected);
      if (upstream.code === 'BAD_UPSTREAM_REPLY') {
        this.logger.error(`Unexpected reply to '${pattern}': ${String((error as Error)?.message ?? error)}`);
      }
      throw upstream;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }
}
