import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EmailReplyResult, OpenByEmailPayload, ReplyByEmailPayload, TicketPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { EmailRepliesService } from './email-replies.service';

@Controller()
export class EmailRepliesMessageController {
  constructor(private readonly emailReplies: EmailRepliesService) {}

  @RpcHandler(TicketPatterns.ReplyByEmail)
  reply(
    @Payload() { principal, ticketId, externalId, asNote, ...body }: ReplyByEmailPayload,
  ): Promise<EmailReplyResult> {
    return this.emailReplies.reply(principal, ticketId, body, externalId, asNote);
  }

  @RpcHandler(TicketPatterns.OpenByEmail)
  open(
    @Payload() { principal, externalId, requesterVerified, ...body }: OpenByEmailPayload,
  ): Promise<EmailReplyResult> {
    return this.emailReplies.open(principal, body, externalId, requesterVerified);
  }
}
