import { DroppedAttachment, Principal } from '@helpdesk/contracts';

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

/** The message to store: the reply text, headed by who really sent it when kept as a note. */
export function composeMessage(text: string, note: { from: string | null; recipient: Principal } | null): string {
  const body = text || ATTACHMENTS_ONLY;
  if (!note) {
    return body;
  }
  return [
    `Email from ${note.from ?? 'an unknown sender'}, not from ${note.recipient.name} <${note.recipient.email}> to whom the notification with this reply address was sent. Kept as an internal note; nothing of it was shown to the client.`,
    '',
    body,
  ].join('\n');
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
