import addressparser from 'nodemailer/lib/addressparser';
import type Mail from 'nodemailer/lib/mailer';

/**
 * Headers every notification carries besides the threading ones: RFC 3834 `Auto-Submitted`,
 * Exchange's `X-Auto-Response-Suppress` and the older `Precedence: bulk`, which together keep
 * out-of-office and other auto-responders from answering (and so from mail loops).
 */
export const AUTO_RESPONDER_SUPPRESSION: Readonly<Record<string, string>> = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
  Precedence: 'bulk',
};

export function notificationHeaders(subject: string, ticketId: number, threadIndex: string): Record<string, string> {
  return {
    ...AUTO_RESPONDER_SUPPRESSION,
    'Thread-Topic': subject,
    'Thread-Index': threadIndex,
    'X-Helpdesk-Ticket': String(ticketId),
  };
}

/**
 * The From of a mail about a ticket: MAIL_FROM, or for a ticket written to one of the support
 * addresses, that address under MAIL_FROM's display name. An address object, never a string
 * built here: nodemailer quotes and encodes the name, so nothing in it can end the header.
 */
export function ticketMailFrom(mailFrom: string, writtenTo: string | null): string | Mail.Address {
  if (writtenTo === null) {
    return mailFrom;
  }
  const [configured] = addressparser(mailFrom, { flatten: true });
  return { name: configured?.name ?? '', address: writtenTo };
}
