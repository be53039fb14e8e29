import { PrincipalKind } from '@helpdesk/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

import { base32 } from './base32';

/** Who a notification went to: the person a reply through its token must come from. */
export interface ReplyRecipient {
  kind: PrincipalKind;
  id: number;
}

/**
 * What a reply through the token may add: `reply` a message as its recipient (clients and staff),
 * `note` only another internal note (the token of a staff mail about an internal note), so that
 * answering a note notification can never post a public message.
 */
/** `cc`: a client on the ticket as a CC, who may be removed, so mail-ingress checks they still are. */
export type ReplyTokenPurpose = 'reply' | 'note' | 'cc';

export interface ReplyTokenSubject {
  ticketId: number;
  recipient: ReplyRecipient;
  purpose: ReplyTokenPurpose;
}

export type ReplyTokenRequest = Omit<ReplyTokenSubject, 'purpose'> & { purpose?: ReplyTokenPurpose };

/** 100 bits of HMAC-SHA256: far beyond online guessing, which mail-ingress answers with 5xx. */
const MAC_LENGTH = 20;
const KIND_LETTER: Record<PrincipalKind, string> = { [PrincipalKind.Client]: 'c', [PrincipalKind.Staff]: 's' };
/** `n` is staff with the `note` purpose, `k` a client with the `cc` purpose: one letter keeps tokens as short as the others. */
const NOTE_LETTER = 'n';
const CC_LETTER = 'k';
const SUBJECT_BY_LETTER: Record<string, { kind: PrincipalKind; purpose: ReplyTokenPurpose }> = {
  c: { kind: PrincipalKind.Client, purpose: 'reply' },
  s: { kind: PrincipalKind.Staff, purpose: 'reply' },
  [NOTE_LETTER]: { kind: PrincipalKind.Staff, purpose: 'note' },
  [CC_LETTER]: { kind: PrincipalKind.Client, purpose: 'cc' },
};
const TOKEN = /^([1-9]\d{0,15})-([csnk])([1-9]\d{0,9})-([a-z2-7]{20})$/;
const MIN_SECRET_LENGTH = 16;

/** The longest token: a 16-digit ticket id, a 10-digit recipient id, separators and the MAC. */
export const MAX_REPLY_TOKEN_LENGTH = 16 + 1 + 1 + 10 + 1 + MAC_LENGTH;

/**
 * Reply tokens: `<ticket id>-<c|s|n><recipient id>-<mac>`, e.g. `1042-c17-k3j5x7q2m9v4b6n8w2ab`
 * (`n`: a staff member's note-only token; `k`: a CC's token).
 * The MAC is an HMAC of (ticket, recipient) under the secret, so a token can be checked without
 * a database and cannot be guessed or altered. Only lower-case letters, digits and `-`: it fits
 * an address local part (at most MAX_REPLY_TOKEN_LENGTH characters) and survives lowercasing.
 *
 * Tokens are signed with the first secret and verified against every one given, so a secret
 * can be rotated: sign with the new one while mail answering the old one still verifies.
 */
export class ReplyTokens {
  private readonly secrets: Buffer[];

  constructor(secret: string, previousSecrets: string[] = []) {
    this.secrets = [secret, ...previousSecrets].map((value) => {
      if (value.length < MIN_SECRET_LENGTH) {
        throw new Error(`A reply-token secret needs at least ${MIN_SECRET_LENGTH} characters.`);
      }
      return Buffer.from(value, 'utf8');
    });
  }

  sign({ ticketId, recipient, purpose = 'reply' }: ReplyTokenRequest): string {
    assertId(ticketId, 'ticketId', 16);
    assertId(recipient.id, 'recipient id', 10);
    const letter = letterOf(recipient.kind, purpose);
    if (!letter) {
      throw new Error(`Reply tokens name clients or staff, not "${recipient.kind}".`);
    }
    return `${ticketId}-${letter}${recipient.id}-${this.mac(this.secrets[0], ticketId, letter, recipient.id)}`;
  }

  /** The ticket and recipient a token was minted for, or null when it is malformed or forged. */
  verify(token: string): ReplyTokenSubject | null {
    const match = TOKEN.exec(token.trim().toLowerCase());
    if (!match) {
      return null;
    }
    const [, ticket, letter, recipient, mac] = match;
    const ticketId = Number(ticket);
    const recipientId = Number(recipient);
    if (!Number.isSafeInteger(ticketId) || recipientId > 2_147_483_647) {
      return null;
    }
    const given = Buffer.from(mac, 'ascii');
    const valid = this.secrets.some((secret) =>
      timingSafeEqual(given, Buffer.from(this.mac(secret, ticketId, letter, recipientId), 'ascii')),
    );
    if (!valid) {
      return null;
    }
    const { kind, purpose } = SUBJECT_BY_LETTER[letter];
    return { ticketId, recipient: { kind, id: recipientId }, purpose };
  }

  private mac(secret: Buffer, ticketId: number, letter: string, recipientId: number): string {
    const digest = createHmac('sha256', secret)
      .update(`helpdesk-reply-token\0${ticketId}\0${letter}\0${recipientId}`)
      .digest();
    return base32(digest, MAC_LENGTH);
  }
}

function letterOf(kind: PrincipalKind, purpose: ReplyTokenPurpose): string | undefined {
  switch (purpose) {
    case 'reply':
      return KIND_LETTER[kind];
    case 'note':
      if (kind !== PrincipalKind.Staff) {
        throw new Error('Only staff receive note notifications, so only staff get note tokens.');
      }
      return NOTE_LETTER;
    case 'cc':
      if (kind !== PrincipalKind.Client) {
        throw new Error('CCs are clients; staff on a ticket follow it instead.');
      }
      return CC_LETTER;
  }
}

function assertId(value: number, name: string, maxDigits: number): void {
  if (!Number.isSafeInteger(value) || value < 1 || String(value).length > maxDigits) {
    throw new Error(`${name} must be a positive whole number of at most ${maxDigits} digits, not ${value}.`);
  }
}
