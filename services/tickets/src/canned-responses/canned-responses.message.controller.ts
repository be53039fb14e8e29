import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  CannedResponseView,
  CreateCannedResponsePayload,
  ListCannedResponsesPayload,
  TicketPatterns,
  UpdateCannedResponsePayload,
} from '@helpdesk/contracts';

import { CannedResponsesService } from './canned-responses.service';

@Controller()
export class CannedResponsesMessageController {
  constructor(private readonly cannedResponses: CannedResponsesService) {}

  @MessagePattern(TicketPatterns.ListCannedResponses)
  list(@Payload() payload: ListCannedResponsesPayload): Promise<CannedResponseView[]> {
    return this.cannedResponses.list(payload.principal, payload.ticketId);
  }

  @MessagePattern(TicketPatterns.CreateCannedResponse)
  create(@Payload() { principal, ...body }: CreateCannedResponsePayload): Promise<CannedResponseView> {
    return this.cannedResponses.create(principal, body);
  }

  @MessagePattern(TicketPatterns.UpdateCannedResponse)
  update(@Payload() { principal, id, ...body }: UpdateCannedResponsePayload): Promise<CannedResponseView> {
    return this.cannedResponses.update(principal, id, body);
  }

  @MessagePattern(TicketPatterns.DeleteCannedResponse)
  delete(@Payload() payload: ByIdPayload): Promise<{ deleted: true }> {
    return this.cannedResponses.delete(payload.principal, payload.id);
  }
}
