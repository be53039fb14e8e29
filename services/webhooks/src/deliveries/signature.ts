import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: 32 random bytes, recognisable by its prefix. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/**
 * `X-Helpdesk-Signature`: `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>` for each
 * secret that signs, comma-separated (the current one first; during a rotation also the old one).
 */
export function signatureHeader(secrets: string[], timestamp: string, body: string): string {
  return secrets
    .map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`)
    .join(',');
}
