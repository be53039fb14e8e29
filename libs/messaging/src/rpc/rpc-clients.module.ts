import { DynamicModule, Module } from '@nestjs/common';

import {
  AccessClient,
  AttachmentsClient,
  MailIngressClient,
  NotificationsClient,
  RPC_CLIENT_OPTIONS,
  SchedulerClient,
  TicketsClient,
  WebhooksClient,
} from './clients';
import { RpcClientOptions } from './rpc-client';

const CLIENTS = [
  AccessClient,
  TicketsClient,
  NotificationsClient,
  AttachmentsClient,
  SchedulerClient,
  MailIngressClient,
  WebhooksClient,
];

/** Typed clients for every service's RPC queue; each connects on its first request. */
@Module({})
export class RpcClientsModule {
  static forRoot(options: RpcClientOptions): DynamicModule {
    return {
      module: RpcClientsModule,
      global: true,
      providers: [{ provide: RPC_CLIENT_OPTIONS, useValue: options }, ...CLIENTS],
      exports: CLIENTS,
    };
  }
}
