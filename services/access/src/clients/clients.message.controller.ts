import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  ByIdPayload,
  ClientView,
  CreateClientPayload,
  ListClientsPayload,
  Page,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { ClientsService } from './clients.service';

@Controller()
export class ClientsMessageController {
  constructor(private readonly clients: ClientsService) {}

  @RpcHandler(AccessPatterns.ListClients)
  list(@Payload() { principal, ...query }: ListClientsPayload): Promise<Page<ClientView>> {
    return this.clients.list(principal, query);
  }

  @RpcHandler(AccessPatterns.GetClient)
  get(@Payload() payload: ByIdPayload): Promise<ClientView> {
    return this.clients.get(payload.principal, payload.id);
  }

  @RpcHandler(AccessPatterns.CreateClient)
  create(@Payload() { principal, ...body }: CreateClientPayload): Promise<ClientView> {
    return this.clients.create(principal, body);
  }
}
