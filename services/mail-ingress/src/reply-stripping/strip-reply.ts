import { htmlReplyToText, htmlToText, isOnlyQuote } from './html-quotes';
import { stripTextReply } from './text-reply';

export type BodyFormat = 'text' | 'html';

/**
 * The text the sender wrote in this reply: quoted history, attribution lines, reply header
 * blocks, `-- ` signatures and client signatures ("Sent from my iPhone") removed. HTML is
 * stripped on its structure first, then as text. An empty string means nothing new was
 * written. HTML that is nothing but one unmarked blockquote is returned whole as text, as talon
 * does; where a client marked its history, nothing typed above it means an empty reply.
 */
export function stripReply(body: string, format: BodyFormat): string {
  if (typeof body !== 'string' || body === '') {
    return '';
  }
  if (format !== 'html') {
    return stripTextReply(body);
  }
  const rendered = htmlReplyToText(body);
  return stripTextReply(rendered) || (isOnlyQuote(rendered) ? htmlToText(body).trim() : '');
}
