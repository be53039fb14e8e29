import { Logger, OnModuleDestroy } from '@nestjs/common';
import { RmqRecordBuilder } from '@nestjs/microservices';
import {
  currentCorrelationId,
  internalSigningKey,
  rpcClientDuration,
  rpcClientTimeouts,
  trackBrokerConnection,
} from '@helpdesk/config';
import { PingResult, SystemPatterns } from '@helpdesk/contracts';
import { firstValueFrom, timeout } from 'rxjs';

import { BROKER_CONNECTION_OPTIONS } from '../broker/broker-link';
import { ResilientRmqClient } from '../broker/resilient-rmq';
import { CORRELATION_HEADER, RPC_QUEUE_OPTIONS } from './rpc-queue';
import { EXPIRES_HEADER, SIGNATURE_HEADER, signRpc } from './rpc-signature';
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
 * requests whose callers were already told they failed; its signature expires with it.
 */
export class RpcClient<M extends RpcContract<M>> implements OnModuleDestroy {
  private readonly logger = new Logger(RpcClient.name);
  private readonly client: ResilientRmqClient;
  private readonly signingKey = internalSigningKey();
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
    trackBrokerConnection(`rpc-client:${queue}`, () => this.brokerConnected);
  }

  /** `timeoutMs` overrides the client's for a request known to take long (one that waits on another server). */
  send<P extends keyof M & string>(
    pattern: P,
    payload: M[P]['payload'],
    options: { timeoutMs?: number } = {},
  ): Promise<M[P]['result']> {
    return this.request<M[P]['result']>(pattern, payload, options.timeoutMs ?? this.options.timeoutMs);
  }

  /** A no-op round trip to the service: is it there and answering? */
  ping(): Promise<PingResult> {
    return this.request<PingResult>(SystemPatterns.Ping, {}, this.options.timeoutMs);
  }

  private async request<R>(pattern: string, payload: unknown, timeoutMs: number): Promise<R> {
    const correlationId = currentCorrelationId() ?? '';
    const expiresAt = Date.now() + timeoutMs;
    const signature = signRpc(this.signingKey, { pattern, correlationId, payload, expiresAt });
    const record = new RmqRecordBuilder(payload)
      .setOptions({
        expiration: String(timeoutMs),
        headers: {
          [CORRELATION_HEADER]: correlationId,
          [EXPIRES_HEADER]: String(expiresAt),
          [SIGNATURE_HEADER]: signature,
        },
      })
      .build();
    const stop = rpcClientDuration.startTimer({ queue: this.queue, pattern });
    try {
      const result = await firstValueFrom(this.client.send<R>(pattern, record).pipe(timeout(timeoutMs)));
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      const upstream = UpstreamError.from(error, this.queue, this.brokerConnected);
      const timedOut = (error as Error)?.name === 'TimeoutError';
      stop({ outcome: timedOut ? 'timeout' : 'error' });
      if (timedOut) {
        rpcClientTimeouts.inc({ queue: this.queue, pattern });
      }
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
