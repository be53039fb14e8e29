import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed secret starts with. WIRE-LEVEL: stored in webhooks' and mail-ingress's tables. */
const SEALED = 'v1.';

/**
 * Secrets a service must keep and use again (a webhook's signing secret, a mailbox's IMAP
 * password) at rest: AES-256-GCM under a key derived from a configured secret, as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). `purpose` is bound to every ciphertext, so a value
 * sealed for one use opens as nothing else. A value stored before there was a key (not sealed)
 * opens as itself, until its owner seals it.
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly associatedData: Buffer;

  constructor(secretKey: string, purpose: string) {
    this.key = createHash('sha256').update(secretKey, 'utf8').digest();
    this.associatedData = Buffer.from(purpose, 'utf8');
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(this.associatedData);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED + [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
  }

  /** Throws when the value was sealed under another key or for another purpose, or altered. */
  open(stored: string): string {
    if (!isSealed(stored)) {
      return stored;
    }
    const [iv, tag, ciphertext] = stored
      .slice(SEALED.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(this.associatedData).setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}

export const isSealed = (stored: string) => stored.startsWith(SEALED);
