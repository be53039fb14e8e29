import { API_TOKEN_PREFIX } from '@helpdesk/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `hdk_<the token's id, 32 hex digits>_<32 random bytes, base64url>`: 80 characters. */
const TOKEN_PATTERN = new RegExp(`^${API_TOKEN_PREFIX}([0-9a-f]{32})_([A-Za-z0-9_-]{43})$`);

export interface ParsedApiToken {
  id: string;
  secret: string;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A 256-bit random secret needs no slow hash: SHA-256 is enough to make a leaked table useless. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

export function formatToken(id: string, secret: string): string {
  return `${API_TOKEN_PREFIX}${id.replace(/-/g, '')}_${secret}`;
}

/** What lists show: enough to tell tokens apart, nothing that helps guess one. */
export function displayPrefix(id: string): string {
  return `${API_TOKEN_PREFIX}${id.replace(/-/g, '').slice(0, 8)}`;
}

export function parseToken(token: string): ParsedApiToken | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) {
    return null;
  }
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2] };
}
