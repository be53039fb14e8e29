import { TicketEmailView } from '@helpdesk/contracts';
import { redactReplyTokens } from '@helpdesk/mail';

import { OutgoingMail } from './outgoing-mail.entity';

export const toTicketEmailView = (mail: OutgoingMail): TicketEmailView => ({
  id: Number(mail.id),
  ticketId: Number(mail.ticketId),
  kind: mail.kind,
  event: mail.eventName,
  recipient: { kind: mail.recipientKind, id: mail.recipientId, name: mail.recipientName, email: mail.recipientEmail },
  subject: mail.subject,
  // Message-IDs recorded before they were token-free still carry their recipient's token.
  messageId: redactReplyTokens(mail.messageId),
  state: mail.state,
  attempts: mail.attempts,
  lastError: mail.lastError && redactReplyTokens(mail.lastError),
  skipReason: mail.skipReason,
  createdAt: mail.createdAt.toISOString(),
  sentAt: mail.sentAt?.toISOString() ?? null,
});
