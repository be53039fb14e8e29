/**
 * A reply token (see ReplyTokens) anywhere in a text: in a reply address, in a Message-ID of the
 * earlier kind that carried one, or quoted in an error. Same shape as the tokens themselves.
 */
const REPLY_TOKEN = /\b[1-9]\d{0,15}-[csn][1-9]\d{0,9}-[a-z2-7]{20}\b/gi;

export const REDACTED_TOKEN = '[redacted]';

/**
 * The text with every reply token replaced by `[redacted]` (`reply+[redacted]@domain`): a token
 * is a credential, so what leaves the service in a response or a log line never carries one.
 */
export function redactReplyTokens(text: string): string {
  return text.replace(REPLY_TOKEN, REDACTED_TOKEN);
}
