/** What decides which To/Cc addresses of a new ticket's mail become its CCs. */
export interface CopiedCcRules {
  /** The sender: the ticket's client, never also a CC. */
  sender: string;
  /** MAIL_DOMAIN: reply addresses are ours. */
  replyDomain: string;
  /** MAIL_FROM and every department's address, lower case. */
  systemAddresses: ReadonlySet<string>;
  /** TICKET_MAX_CCS. */
  max: number;
}

/**
 * The CCs of a ticket opened by mail: its To and Cc addresses except the sender and the
 * system's own, the first `max` of them; the rest are `dropped` (named in the inbound log).
 * Bcc and envelope-only recipients are never given here, so never become participants.
 */
export function ccsOfNewTicket(copied: string[], rules: CopiedCcRules): { ccs: string[]; dropped: string[] } {
  const domain = rules.replyDomain.toLowerCase();
  const candidates = copied.filter(
    (address) =>
      address !== rules.sender.toLowerCase() &&
      !rules.systemAddresses.has(address) &&
      address.slice(address.lastIndexOf('@') + 1) !== domain,
  );
  return { ccs: candidates.slice(0, rules.max), dropped: candidates.slice(rules.max) };
}
