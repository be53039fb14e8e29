import { htmlReplyToText, htmlToText } from './html-quotes';
import { stripTextReply } from './text-reply';

export type BodyFormat = 'text' | 'html';

/**
 * The text the sender wrote in this reply: quoted history, attribution lines, reply header
 * blocks, `-- ` signatures and client signatures ("Sent from my iPhone") removed. HTML is
 * stripped on its structure first, then as text. An empty string means nothing new was
 * written; HTML that would strip to nothing is returned whole as text instead, as talon does.
 */
export function stripReply(body: string, format: BodyFormat): string {
  if (typeof body !== 'string' || body === '') {
    return '';
  }
  if (format !== 'html') {
    return stripTextReply(body);
  }
  return stripTextReply(htmlReplyToText(body)) || htmlToText(body).trim();
}
