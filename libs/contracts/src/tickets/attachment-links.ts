import { IsInt, Min } from 'class-validator';

import { AttachmentIds } from '../attachments/attachment-payloads';
import { WithPrincipal } from '../common/with-principal';

class AttachmentRef {
  @IsInt()
  @Min(1)
  attachmentId: number;
}

export class AttachmentAccessPayload extends WithPrincipal(AttachmentRef) {}

/** Whether an attachment is on a message, and whether the principal may see that message. */
export interface AttachmentAccess {
  linked: boolean;
  visible: boolean;
}

export class LinkedAttachmentsPayload extends AttachmentIds {}

/** Where an attachment is linked, as the tickets service (the owner of links) knows it. */
export interface AttachmentLink {
  attachmentId: number;
  ticketId: number;
  messageId: number;
}
