import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed secret starts with. WIRE-LEVEL: stored in `webhooks.webhooks`. */
const SEALED = 'v1.';
/** Binds ciphertexts to their use: a sealed webhook secret opens as nothing else. */
const ASSOCIATED_DATA = Buffer.from('helpdesk webhook secret');

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY, as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). Secrets stored before there was a key (`whsec_…`)
 * open as themselves until `WebhooksRepository.sealPlaintextSecrets` seals them at start.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = createHash('sha256').update(secretKey, 'utf8').digest();
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(ASSOCIATED_DATA);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED + [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
  }

  /** Throws when the value was sealed under another key or altered. */
  open(stored: string): string {
    if (!isSealed(stored)) {
      return stored;
    }
    const [iv, tag, ciphertext] = stored
      .slice(SEALED.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(ASSOCIATED_DATA).setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}

export const isSealed = (stored: string) => stored.startsWith(SEALED);
