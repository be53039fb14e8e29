import { MESSAGE_MAX_LENGTH } from '@helpdesk/contracts';

import { stripReply } from '../reply-stripping/strip-reply';
import { ParsedInbound } from './parse-mail';

/** Room left in a message for what processing adds around the text (a note's heading). */
const HEADROOM = 2_000;

/**
 * What the person wrote for this reply, as plain text: the text part when there is one (else
 * the HTML, converted), without quoted history or signatures, and without control characters.
 * The result is only ever text; an email cannot put markup on a page. '' when nothing is left.
 */
export function replyText(mail: Pick<ParsedInbound, 'text' | 'html'>): string {
  const stripped =
    mail.text !== null ? stripReply(mail.text, 'text') : mail.html !== null ? stripReply(mail.html, 'html') : '';
  return plainText(stripped, MESSAGE_MAX_LENGTH - HEADROOM);
}

const TRAILING_SPACE_CHARACTERS = new Set([' ', '\t', '\u00a0']);

/** LF line ends, no control characters but tabs, no trailing spaces, at most one blank line in a row. */
export function plainText(text: string, maxLength: number): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, '')
    .split('\n')
    .map(trimTrailingSpaces)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (cleaned.length <= maxLength) {
    return cleaned;
  }
  const marker = '\n\n[… the rest of this email was too long to keep; see the original]';
  return `${cleaned.slice(0, maxLength - marker.length).trimEnd()}${marker}`;
}

/** A scan from the end: `/[ \t]+$/` would retry from every space of a long run of them. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && TRAILING_SPACE_CHARACTERS.has(line[end - 1])) {
    end--;
  }
  return line.slice(0, end);
}
