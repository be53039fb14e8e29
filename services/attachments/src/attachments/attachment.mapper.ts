import { AttachmentView, Principal } from '@helpdesk/contracts';

import { Attachment } from './attachment.entity';

export function toAttachmentView(attachment: Attachment): AttachmentView {
  return {
    id: Number(attachment.id),
    filename: attachment.filename,
    size: Number(attachment.size),
    contentType: attachment.contentType,
  };
}

export function isOwnedBy(attachment: Attachment, principal: Pick<Principal, 'kind' | 'id'>): boolean {
  return attachment.ownerKind === principal.kind && attachment.ownerId === principal.id;
}
