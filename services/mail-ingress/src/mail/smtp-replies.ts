/**
 * Every answer the SMTP listener gives of its own, with its RFC 3463 enhanced status code in
 * the text (smtp-server's automatic codes are turned off: they would call every 550 `5.1.1`).
 * Refusals say what to do instead, since no bounce is ever sent by us: the sending server
 * turns this text into the bounce its user reads.
 */
export interface SmtpReply {
  code: number;
  text: string;
}

export const SmtpReplies = {
  invalidToken: (): SmtpReply => ({
    code: 550,
    text: '5.1.1 This reply address is not valid: it was changed or is not one of ours. Please reply to the notification email itself, without editing the address.',
  }),
  unknownMailbox: (): SmtpReply => ({
    code: 550,
    text: '5.1.1 No such mailbox here. To add to a ticket, reply to its notification email.',
  }),
  relayDenied: (domain: string): SmtpReply => ({
    code: 550,
    text: `5.7.1 Relaying denied: this server only receives mail for ${domain}.`,
  }),
  recipientGone: (): SmtpReply => ({
    code: 550,
    text: '5.1.1 The person this reply address belongs to no longer has an account here; please sign in to the portal.',
  }),
  senderMismatch: (): SmtpReply => ({
    code: 550,
    text: '5.7.1 This reply address belongs to someone else. Please reply from the address the notification was sent to, or sign in to the portal.',
  }),
  unverifiedSender: (): SmtpReply => ({
    code: 550,
    text: "5.7.1 We could not verify that this message comes from its From: address (DKIM, SPF and DMARC did not pass for it). Please reply to the notification email itself, from the address it was sent to, through your provider's own mail server; or sign in to the portal.",
  }),
  noMatch: (): SmtpReply => ({
    code: 550,
    text: "5.1.1 This message matches no ticket. To add to a ticket, reply to its notification email (don't forward it or write a new one); to open a ticket, use the portal or the department's address.",
  }),
  unknownSender: (address: string): SmtpReply => ({
    code: 550,
    text: `5.7.1 We have no account for ${address || 'this sender'}. Please open your ticket in the portal, or write from the address your account uses.`,
  }),
  departmentInactive: (): SmtpReply => ({
    code: 550,
    text: '5.1.1 This department no longer takes new tickets; please open one in the portal.',
  }),
  ticketClosed: (ticketId: number): SmtpReply => ({
    code: 550,
    text: `5.7.1 Ticket #${ticketId} is closed and takes no more replies by email. Please open a new ticket in the portal.`,
  }),
  tooBig: (maxBytes: number): SmtpReply => ({
    code: 552,
    text: `5.3.4 Message too big: the limit is ${maxBytes} bytes. Please send large files as links.`,
  }),
  tryLater: (): SmtpReply => ({
    code: 451,
    text: '4.3.0 Temporary problem storing your message; please try again later.',
  }),
  tooManyConnections: (): SmtpReply => ({
    code: 421,
    text: '4.7.0 Too many connections from your address; try again later.',
  }),
  tooManyRefusals: (): SmtpReply => ({
    code: 421,
    text: '4.7.0 Too many recipients or refused recipients from your address; try again later.',
  }),
  tooManyMessages: (): SmtpReply => ({
    code: 421,
    text: '4.7.0 Too many messages on one connection; please reconnect.',
  }),
  accepted: (): string => '2.6.0 Message accepted',
} as const;

/** An Error smtp-server turns into the reply (`responseCode` and message). */
export function smtpError(reply: SmtpReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.text), { responseCode: reply.code });
}
