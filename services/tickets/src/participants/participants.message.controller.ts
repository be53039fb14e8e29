import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddCcPayload,
  AddCcResult,
  ByIdPayload,
  FollowerPayload,
  FollowerView,
  MentionView,
  ParticipantsView,
  PrincipalOnlyPayload,
  RemoveCcPayload,
  TicketPatterns,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { ParticipantsService } from './participants.service';

@Controller()
export class ParticipantsMessageController {
  constructor(private readonly participants: ParticipantsService) {}

  @RpcHandler(TicketPatterns.ListParticipants)
  list(@Payload() { principal, id }: ByIdPayload): Promise<ParticipantsView> {
    return this.participants.list(principal, id);
  }

  @RpcHandler(TicketPatterns.AddCc)
  addCc(@Payload() { principal, ticketId, via, ...body }: AddCcPayload): Promise<AddCcResult> {
    return this.participants.addCc(principal, ticketId, body, via);
  }

  @RpcHandler(TicketPatterns.RemoveCc)
  removeCc(@Payload() { principal, ticketId, email }: RemoveCcPayload): Promise<{ removed: true }> {
    return this.participants.removeCc(principal, ticketId, email);
  }

  @RpcHandler(TicketPatterns.Follow)
  follow(@Payload() { principal, ticketId, staffId }: FollowerPayload): Promise<FollowerView> {
    return this.participants.follow(principal, ticketId, staffId);
  }

  @RpcHandler(TicketPatterns.Unfollow)
  unfollow(@Payload() { principal, ticketId, staffId }: FollowerPayload): Promise<{ removed: true }> {
    return this.participants.unfollow(principal, ticketId, staffId);
  }

  @RpcHandler(TicketPatterns.ListMentions)
  mentions(@Payload() { principal }: PrincipalOnlyPayload): Promise<MentionView[]> {
    return this.participants.mentions(principal);
  }
}
