import { Inject, Injectable } from '@nestjs/common';
import { AccessRpc, Queues, TicketRpc } from '@helpdesk/contracts';

import { RpcClient, RpcClientOptions } from './rpc-client';

export const RPC_CLIENT_OPTIONS = Symbol('RPC_CLIENT_OPTIONS');

@Injectable()
export class AccessClient extends RpcClient<AccessRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Access, options);
  }
}

@Injectable()
export class TicketsClient extends RpcClient<TicketRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Tickets, options);
  }
}
