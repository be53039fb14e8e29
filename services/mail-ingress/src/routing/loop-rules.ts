import { InboundMailReason } from '@helpdesk/contracts';

import { HeaderSummary } from '../mail/header-summary';

export interface LoopVerdict {
  reason: InboundMailReason;
  detail: string;
}

/** Senders that only ever send delivery reports. */
const REPORT_SENDERS = /^(mailer-daemon|postmaster)@/i;

/**
 * Whether a message is automatic traffic that must not reach a ticket (so that we never answer
 * an auto-responder, nor it us): bounces and DSNs, RFC 3834 auto-submitted mail, the common
 * auto-reply headers, bulk and list mail, and our own notifications coming back. Null for a
 * message a person wrote.
 */
export function loopVerdict(
  headers: HeaderSummary,
  envelopeFrom: string,
  ownAddresses: readonly string[],
): LoopVerdict | null {
  if (envelopeFrom === '') {
    return { reason: InboundMailReason.Bounce, detail: 'Null reverse-path (MAIL FROM:<>): a bounce or other report.' };
  }
  if (headers.contentType === 'multipart/report' || headers.reportType === 'delivery-status') {
    return {
      reason: InboundMailReason.Bounce,
      detail: `A delivery status notification (${headers.contentType}${headers.reportType ? `; ${headers.reportType}` : ''}).`,
    };
  }
  if (REPORT_SENDERS.test(envelopeFrom) || (headers.from !== null && REPORT_SENDERS.test(headers.from))) {
    return { reason: InboundMailReason.Bounce, detail: `From a mail system (${headers.from ?? envelopeFrom}).` };
  }
  const own = new Set(ownAddresses.map((address) => address.toLowerCase()));
  if (
    headers.helpdeskHeader ||
    own.has(envelopeFrom.toLowerCase()) ||
    (headers.from !== null && own.has(headers.from))
  ) {
    return { reason: InboundMailReason.OwnMail, detail: 'One of our own notifications came back.' };
  }
  if (headers.autoSubmitted !== null && headers.autoSubmitted.split(';')[0].trim() !== 'no') {
    return { reason: InboundMailReason.AutoReply, detail: `Auto-Submitted: ${headers.autoSubmitted}.` };
  }
  if (headers.xAutoreply || headers.xAutorespond) {
    return {
      reason: InboundMailReason.AutoReply,
      detail: `An auto-reply (${headers.xAutoreply ? 'X-Autoreply' : 'X-Autorespond'} header).`,
    };
  }
  if (headers.precedence !== null) {
    const precedence = headers.precedence.trim();
    if (precedence === 'list') {
      return { reason: InboundMailReason.MailingList, detail: 'Precedence: list.' };
    }
    if (precedence === 'auto_reply') {
      return { reason: InboundMailReason.AutoReply, detail: 'Precedence: auto_reply.' };
    }
    if (precedence === 'bulk' || precedence === 'junk') {
      return { reason: InboundMailReason.Bulk, detail: `Precedence: ${precedence}.` };
    }
  }
  if (headers.listId) {
    return { reason: InboundMailReason.MailingList, detail: 'Mailing-list traffic (List-Id header).' };
  }
  return null;
}
