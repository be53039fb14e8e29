import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AttachmentAccess,
  AttachmentAccessPayload,
  AttachmentLink,
  LinkedAttachmentsPayload,
  TicketPatterns,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { MessageAttachments } from './message-attachments';

@Controller()
export class MessageAttachmentsMessageController {
  constructor(private readonly messageAttachments: MessageAttachments) {}

  @RpcHandler(TicketPatterns.AttachmentAccess)
  access(@Payload() { principal, attachmentId }: AttachmentAccessPayload): Promise<AttachmentAccess> {
    return this.messageAttachments.access(principal, attachmentId);
  }

  @RpcHandler(TicketPatterns.LinkedAttachments)
  linked(@Payload() { attachmentIds }: LinkedAttachmentsPayload): Promise<AttachmentLink[]> {
    return this.messageAttachments.linksOf(attachmentIds);
  }
}
