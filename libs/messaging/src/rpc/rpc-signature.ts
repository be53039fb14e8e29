import { createHmac, timingSafeEqual } from 'node:crypto';

/** Wire-level header names: renaming one makes every service refuse the others' requests. */
export const SIGNATURE_HEADER = 'x-rpc-signature';
export const EXPIRES_HEADER = 'x-rpc-expires';

/** How far a receiver's clock may run ahead of the sender's before a fresh request looks expired. */
const CLOCK_SKEW_MS = 2_000;

/** What a signature binds: this pattern, this request's correlation id, this payload, until then. */
export interface SignedRequest {
  pattern: string;
  correlationId: string;
  payload: unknown;
  expiresAt: number;
}

export type SignatureVerdict = 'valid' | 'unsigned' | 'expired' | 'tampered';

export function signRpc(key: string, request: SignedRequest): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([request.pattern, request.correlationId, request.expiresAt, request.payload ?? null]))
    .digest('base64url');
}

export function verifyRpc(key: string, request: SignedRequest, signature: unknown, now = Date.now()): SignatureVerdict {
  if (typeof signature !== 'string' || !Number.isSafeInteger(request.expiresAt)) {
    return 'unsigned';
  }
  const expected = Buffer.from(signRpc(key, request));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'tampered';
  }
  return request.expiresAt + CLOCK_SKEW_MS < now ? 'expired' : 'valid';
}
