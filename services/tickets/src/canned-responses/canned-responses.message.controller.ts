import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  CannedResponseView,
  CreateCannedResponsePayload,
  ListCannedResponsesPayload,
  TicketPatterns,
  UpdateCannedResponsePayload,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { CannedResponsesService } from './canned-responses.service';

@Controller()
export class CannedResponsesMessageController {
  constructor(private readonly cannedResponses: CannedResponsesService) {}

  @RpcHandler(TicketPatterns.ListCannedResponses)
  list(@Payload() payload: ListCannedResponsesPayload): Promise<CannedResponseView[]> {
    return this.cannedResponses.list(payload.principal, payload.ticketId);
  }

  @RpcHandler(TicketPatterns.CreateCannedResponse)
  create(@Payload() { principal, ...body }: CreateCannedResponsePayload): Promise<CannedResponseView> {
    return this.cannedResponses.create(principal, body);
  }

  @RpcHandler(TicketPatterns.UpdateCannedResponse)
  update(@Payload() { principal, id, ...body }: UpdateCannedResponsePayload): Promise<CannedResponseView> {
    return this.cannedResponses.update(principal, id, body);
  }

  @RpcHandler(TicketPatterns.DeleteCannedResponse)
  delete(@Payload() payload: ByIdPayload): Promise<{ deleted: true }> {
    return this.cannedResponses.delete(payload.principal, payload.id);
  }
}
