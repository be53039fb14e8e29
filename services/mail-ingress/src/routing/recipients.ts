import { ReplyAddressing, ReplyTokens, ticketIdFromMessageId, tokenFromReplyAddress } from '@helpdesk/mail';

import { RecipientClass } from '../mail/mail-types';

export interface RecipientRules {
  addressing: ReplyAddressing;
  tokens: ReplyTokens;
  /** Our From address(es), lower case. */
  ownAddresses: readonly string[];
}

/** RFC 5321 allows a path of 256 octets; anything longer is nobody's address here. */
const ADDRESS_MAX_LENGTH = 320;

/** What a RCPT TO address is to us; pure (the token is checked by its MAC, without a database). */
export function classifyRecipient(rawAddress: string, rules: RecipientRules): RecipientClass {
  if (rawAddress.length > ADDRESS_MAX_LENGTH) {
    return { kind: 'other', address: rawAddress.slice(0, ADDRESS_MAX_LENGTH).toLowerCase(), ourDomain: false };
  }
  const address = rawAddress
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase();
  const token = tokenFromReplyAddress(address, rules.addressing);
  if (token !== null) {
    const subject = rules.tokens.verify(token);
    return subject ? { kind: 'token', address, token, subject } : { kind: 'forged', address };
  }
  const domain = rules.addressing.domain.toLowerCase();
  if (address === `${rules.addressing.localPart.toLowerCase()}@${domain}` || rules.ownAddresses.includes(address)) {
    return { kind: 'untagged', address };
  }
  return { kind: 'other', address, ourDomain: address.endsWith(`@${domain}`) };
}

/** `[#1042]` anywhere in a subject ("Re: [#1042] Invoice", "AW: Fwd: [#1042] …"). */
export function ticketIdFromSubject(subject: string | null): number | null {
  const match = subject ? /\[#(\d{1,15})\]/.exec(subject) : null;
  const id = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The ticket of the first of our own Message-IDs among In-Reply-To/References, or null. */
export function threadTicketId(threadIds: readonly string[], domain: string): number | null {
  for (const id of threadIds) {
    const ticketId = ticketIdFromMessageId(id, domain);
    if (ticketId !== null) {
      return ticketId;
    }
  }
  return null;
}

/** Same mailbox, whatever the case and surrounding space. */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b) && a!.trim().toLowerCase() === b!.trim().toLowerCase();
}
