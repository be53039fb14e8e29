import { DynamicModule, Module } from '@nestjs/common';

import { AccessClient, RPC_CLIENT_OPTIONS, TicketsClient } from './clients';
import { RpcClientOptions } from './rpc-client';

const CLIENTS = [AccessClient, TicketsClient];

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
