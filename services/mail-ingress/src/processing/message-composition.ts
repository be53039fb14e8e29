import { DroppedAttachment, Principal, SenderVerdict } from '@helpdesk/contracts';

import { MAIL_INGRESS_PRINCIPAL } from '../directory/people';

/** The text of a message that came with files only. */
export const ATTACHMENTS_ONLY = '(Sent by email with attachments only.)';

/**
 * Who writes internal notes from mail: the system principal (an administrator no one logs in
 * as), named after the real sender so that staff see at once where the note came from.
 */
export function noteAuthor(from: string | null): Principal {
  return { ...MAIL_INGRESS_PRINCIPAL, name: from ? `Email from ${from}`.slice(0, 200) : 'Email' };
}

/** The message to store: the reply text, under a heading when it is a note from someone else. */
export function composeMessage(text: string, heading: string | null): string {
  const body = text || ATTACHMENTS_ONLY;
  return heading ? [heading, '', body].join('\n') : body;
}

export function senderMismatchHeading(from: string | null, recipient: Principal | null): string {
  const to = recipient ? `${recipient.name} <${recipient.email}>` : 'the person';
  return `Email from ${from ?? 'an unknown sender'}, not from ${to} to whom the notification with this reply address was sent. Kept as an internal note; nothing of it was shown to the client.`;
}

export function unverifiedHeading(from: string | null, verdict: SenderVerdict | null): string {
  const checks = verdict ? ` (DKIM ${verdict.dkim}, SPF ${verdict.spf}, DMARC ${verdict.dmarc})` : '';
  return `Unverified mail from ${from ?? 'an unknown sender'}${checks}: it could not be verified as coming from that address. Kept as an internal note; nothing of it was shown to the client. If it is genuine, ask the sender to reply to the notification email from their own mailbox.`;
}

/** The note that tells staff which files of an email were not kept, and why. */
export function droppedNotice(dropped: DroppedAttachment[], sender: string): string {
  return [
    `Some files of the email${sender ? ` from ${sender}` : ''} were not attached, as the attachment rules do not allow them:`,
    ...dropped.map((file) => `- ${file.filename}: ${file.reason}`),
    '',
    'The original email, with every file, is in the inbound mail log.',
  ].join('\n');
}
