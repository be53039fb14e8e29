import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AttachmentAccess,
  AttachmentAccessPayload,
  AttachmentLink,
  LinkedAttachmentsPayload,
  TicketPatterns,
} from '@helpdesk/contracts';

import { MessageAttachments } from './message-attachments';

@Controller()
export class MessageAttachmentsMessageController {
  constructor(private readonly messageAttachments: MessageAttachments) {}

  @MessagePattern(TicketPatterns.AttachmentAccess)
  access(@Payload() { principal, attachmentId }: AttachmentAccessPayload): Promise<AttachmentAccess> {
    return this.messageAttachments.access(principal, attachmentId);
  }

  @MessagePattern(TicketPatterns.LinkedAttachments)
  linked(@Payload() { attachmentIds }: LinkedAttachmentsPayload): Promise<AttachmentLink[]> {
    return this.messageAttachments.linksOf(attachmentIds);
  }
}
