import { Transform, TransformCallback } from 'node:stream';

/**
 * A reply token (see ReplyTokens) anywhere in a text: in a reply address, in a Message-ID of the
 * earlier kind that carried one, or quoted in an error. Same shape as the tokens themselves.
 */
const REPLY_TOKEN = /\b[1-9]\d{0,15}-[csn][1-9]\d{0,9}-[a-z2-7]{20}\b/gi;

/** Longer than any reply token, so one split across two chunks of a stream is still seen whole. */
const STREAM_CARRY = 256;

/**
 * The text with every reply token masked by as many `*` (`reply+*****…@domain`): a token is a
 * credential, so what leaves a service in a response, a download or a log line never carries one.
 * The length stays, so a masked download keeps the size of what is stored.
 */
export function redactReplyTokens(text: string): string {
  return text.replace(REPLY_TOKEN, (token) => '*'.repeat(token.length));
}

/** The same over a byte stream (read as latin1, so every byte stays one character). */
export function replyTokenRedactingStream(): Transform {
  let carry = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const text = redactReplyTokens(carry + chunk.toString('latin1'));
      const cut = Math.max(0, text.length - STREAM_CARRY);
      carry = text.slice(cut);
      callback(null, Buffer.from(text.slice(0, cut), 'latin1'));
    },
    flush(callback: TransformCallback) {
      callback(null, Buffer.from(carry, 'latin1'));
    },
  });
}
