import { Transform, TransformCallback } from 'node:stream';

/** Longer than any reply token (`<ticket>-<kind><id>-<mac>`), so one split across two chunks is still seen whole. */
const CARRY_BYTES = 256;

/**
 * Reply tokens are credentials: wherever mail-ingress shows an address or a message, the token
 * in `<local>+<token>@` is masked with as many `*` (the length stays, so a download's size holds).
 */
export class ReplyTokenRedactor {
  private readonly pattern: RegExp;

  constructor(localPart: string) {
    const local = localPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.pattern = new RegExp(`(${local}\\+)([a-z0-9-]+)(?=@)`, 'gi');
  }

  redact(text: string): string {
    return text.replace(this.pattern, (_, prefix: string, token: string) => prefix + '*'.repeat(token.length));
  }

  /** The same, over a byte stream (read as latin1, so every byte stays one character). */
  stream(): Transform {
    let carry = '';
    const redact = (text: string) => this.redact(text);
    return new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        const text = redact(carry + chunk.toString('latin1'));
        const cut = Math.max(0, text.length - CARRY_BYTES);
        carry = text.slice(cut);
        callback(null, Buffer.from(text.slice(0, cut), 'latin1'));
      },
      flush(callback: TransformCallback) {
        callback(null, Buffer.from(carry, 'latin1'));
      },
    });
  }
}
