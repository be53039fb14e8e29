import { InboundMailView } from '@helpdesk/contracts';
import { redactReplyTokens } from '@helpdesk/mail';

import { InboundMail } from './inbound-mail.entity';

/** The log entry staff see: reply tokens redacted wherever the sender or a rule could have put one. */
export function toInboundMailView(mail: InboundMail): InboundMailView {
  const redact = (text: string | null) => (text === null ? null : redactReplyTokens(text));
  return {
    id: Number(mail.id),
    receivedAt: mail.receivedAt.toISOString(),
    state: mail.state,
    reason: mail.reason,
    detail: redact(mail.detail),
    envelopeFrom: mail.envelopeFrom,
    envelopeTo: mail.envelopeTo.map(redactReplyTokens),
    from: mail.headerFrom,
    subject: redact(mail.subject),
    messageId: mail.messageId,
    route: mail.route,
    ticketId: mail.ticketId === null ? null : Number(mail.ticketId),
    author: mail.authorKind && mail.authorId !== null ? { kind: mail.authorKind, id: mail.authorId } : null,
    addedMessageId: mail.addedMessageId === null ? null : Number(mail.addedMessageId),
    attachmentIds: (mail.attachmentIds ?? []).map(Number),
    droppedAttachments: mail.droppedAttachments ?? [],
    size: Number(mail.size),
    hasRaw: mail.rawKey !== null,
    senderVerdict: mail.senderVerdict,
    source: mail.mailboxId === null ? 'smtp' : 'mailbox',
    mailboxId: mail.mailboxId,
    writtenTo: mail.writtenTo,
    attempts: mail.attempts,
    updatedAt: mail.updatedAt.toISOString(),
  };
}
