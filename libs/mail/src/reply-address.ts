import { randomBytes } from 'node:crypto';

import { base32 } from './base32';
import { MAX_REPLY_TOKEN_LENGTH } from './reply-token';

/** Where replies go: `<localPart>+<token>@<domain>` (REPLY_LOCAL_PART, MAIL_DOMAIN). */
export interface ReplyAddressing {
  localPart: string;
  domain: string;
}

/** RFC 5321 caps a local part at 64 octets; the `+` and the longest token take the rest. */
export const MAX_REPLY_LOCAL_PART_LENGTH = 64 - 1 - MAX_REPLY_TOKEN_LENGTH;
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9_-]|\.(?!\.))*[a-z0-9]$|^[a-z0-9]$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Why a configured local part cannot carry reply tokens, or null when it can. */
export function replyLocalPartProblem(localPart: string): string | null {
  if (localPart.length > MAX_REPLY_LOCAL_PART_LENGTH) {
    return `at most ${MAX_REPLY_LOCAL_PART_LENGTH} characters, so that "+<token>" still fits the 64 of an address`;
  }
  if (!LOCAL_PART.test(localPart) || localPart.includes('+')) {
    return 'lower-case letters, digits, ".", "_" and "-" only, starting and ending with a letter or digit';
  }
  return null;
}

export function mailDomainProblem(domain: string): string | null {
  return DOMAIN.test(domain) ? null : 'a lower-case host name such as "support.example.com"';
}

export function replyAddress(addressing: ReplyAddressing, token: string): string {
  return `${addressing.localPart}+${token}@${addressing.domain}`;
}

/**
 * The token of an address that is one of ours (`<localPart>+<token>@<domain>`, in any case),
 * unverified; null for any other address.
 */
export function tokenFromReplyAddress(address: string, addressing: ReplyAddressing): string | null {
  const normalised = address
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at < 0 || normalised.slice(at + 1) !== addressing.domain.toLowerCase()) {
    return null;
  }
  const local = normalised.slice(0, at);
  const prefix = `${addressing.localPart.toLowerCase()}+`;
  return local.startsWith(prefix) && local.length > prefix.length ? local.slice(prefix.length) : null;
}

/**
 * A new Message-ID for a mail about a ticket: `<t<ticket id>.<unique>@domain>`. It names the ticket
 * only, never a reply token: Message-IDs travel in every reply's References and show in logs and
 * lists, so they must not be credentials. A reply found by it is a thread match (it needs the
 * sender's own evidence), not a token match.
 */
export function newMessageId(ticketId: number, domain: string): string {
  return `<t${ticketId}.${base32(randomBytes(8), 12)}@${domain}>`;
}

/**
 * The ticket one of our Message-IDs names, or null. Accepts the current form `<t1042.x@domain>`
 * and the earlier `<1042-c17-mac.x@domain>` (whose token part is ignored: only the ticket counts).
 */
export function ticketIdFromMessageId(messageId: string, domain: string): number | null {
  const trimmed = messageId.trim();
  if (trimmed.length > 998) {
    return null;
  }
  const match = /^<?([^<>@\s]+)@([^<>@\s]+)>?$/.exec(trimmed);
  if (!match || match[2].toLowerCase() !== domain.toLowerCase()) {
    return null;
  }
  const ticket = /^t?([1-9]\d{0,15})[.-]/i.exec(match[1]);
  const id = ticket ? Number(ticket[1]) : Number.NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/** Every `<id>` in an In-Reply-To or References header, in order. */
export function messageIdsIn(header: string | undefined): string[] {
  return header?.match(/<[^<>\s]+>/g) ?? [];
}
