import { InboundMailView } from '@helpdesk/contracts';

import { InboundMail } from './inbound-mail.entity';

export function toInboundMailView(mail: InboundMail): InboundMailView {
  return {
    id: Number(mail.id),
    receivedAt: mail.receivedAt.toISOString(),
    state: mail.state,
    reason: mail.reason,
    detail: mail.detail,
    envelopeFrom: mail.envelopeFrom,
    envelopeTo: mail.envelopeTo,
    from: mail.headerFrom,
    subject: mail.subject,
    messageId: mail.messageId,
    route: mail.route,
    ticketId: mail.ticketId === null ? null : Number(mail.ticketId),
    author: mail.authorKind && mail.authorId !== null ? { kind: mail.authorKind, id: mail.authorId } : null,
    addedMessageId: mail.addedMessageId === null ? null : Number(mail.addedMessageId),
    attachmentIds: (mail.attachmentIds ?? []).map(Number),
    droppedAttachments: mail.droppedAttachments ?? [],
    size: Number(mail.size),
    hasRaw: mail.rawKey !== null,
    attempts: mail.attempts,
    updatedAt: mail.updatedAt.toISOString(),
  };
}
