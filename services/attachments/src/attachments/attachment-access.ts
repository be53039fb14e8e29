import { AttachmentAccess, Principal } from '@helpdesk/contracts';

import { Attachment } from './attachment.entity';
import { isOwnedBy } from './attachment.mapper';

/**
 * Who may download an attachment, the whole rule:
 * - on a message: whoever may see that message. The tickets service owns messages and answers
 *   it (`tickets.attachment-access`, canSeeMessage in services/tickets/src/tickets/ticket-access.ts):
 *   admins, staff of the ticket's department, the ticket's client, but no client a file on an
 *   internal note;
 * - on no message yet: only its uploader.
 * Everyone else is told the attachment does not exist.
 */
export function mayDownload(
  principal: Pick<Principal, 'kind' | 'id'>,
  attachment: Attachment,
  message: AttachmentAccess,
): boolean {
  return message.linked ? message.visible : isOwnedBy(attachment, principal);
}
