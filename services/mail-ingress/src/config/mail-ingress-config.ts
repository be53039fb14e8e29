import { ReplyAddressing } from '@helpdesk/mail';

export enum SenderMismatchPolicy {
  Refuse = 'refuse',
  InternalNote = 'internal_note',
}

/** UNVERIFIED_SENDER_POLICY: mail whose sender could not be verified, where a verified one would be added. */
export enum UnverifiedSenderPolicy {
  /** An internal note on the matched ticket, or `held` in the inbound log for staff to release. */
  Hold = 'hold',
  /**
   * A new ticket whose requester is unverified (in the matched ticket's department, or the
   * department addressed), opened as the client the sender claims to be, or a new client only as
   * ALLOW_NEW_CLIENTS_BY_EMAIL allows; nothing is mailed to them until staff verify them. A
   * staff or admin From: has no client to open it for: held as with `hold`.
   */
  NewTicket = 'new_ticket',
  /** 550 with how to reply so that the mail can be verified. */
  Refuse = 'refuse',
}

/** What the receiving and routing rules need to know, from the environment. */
export interface MailIngressConfig {
  addressing: ReplyAddressing;
  /** Lower-case addresses our own mail comes from (MAIL_FROM): mail from them is a loop. */
  ownAddresses: string[];
  senderMismatchPolicy: SenderMismatchPolicy;
  unverifiedSenderPolicy: UnverifiedSenderPolicy;
  ratePerTokenPerHour: number;
  allowNewClients: boolean;
  maxBytes: number;
}

export const MAIL_INGRESS_CONFIG = Symbol('MAIL_INGRESS_CONFIG');

/** The address of `Name <address>` or of a bare address, in lower case; null if it is neither. */
export function mailboxAddress(value: string): string | null {
  const match = /^(?:[^<>]*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))$/.exec(value.trim());
  return match ? (match[1] ?? match[2]).toLowerCase() : null;
}

/** `a,b , c` → `['a', 'b', 'c']`. */
export function parseList(input: string): string[] {
  return input
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `a,b , c` → secrets, each long enough to be one. */
export function parseSecretList(input: string): string[] {
  const secrets = parseList(input);
  const short = secrets.find((secret) => secret.length < 16);
  if (short !== undefined) {
    throw new Error('each previous secret needs at least 16 characters');
  }
  return secrets;
}
