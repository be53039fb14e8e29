/** The system's own addresses: a CC there would mail the helpdesk itself. */
export interface SystemAddresses {
  /** MAIL_DOMAIN: every reply address is in it. */
  replyDomain: string;
  /** MAIL_FROM's address, the departments' own addresses and the ticket's `writtenTo`, lower case. */
  addresses: readonly string[];
}

export function isSystemAddress(email: string, system: SystemAddresses): boolean {
  const address = email.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domain === system.replyDomain.toLowerCase() || system.addresses.includes(address);
}

/** The address of `Name <address>` or of a bare address, lower case. */
export function addressOf(mailbox: string): string {
  const open = mailbox.lastIndexOf('<');
  const close = mailbox.lastIndexOf('>');
  return (open !== -1 && close > open ? mailbox.slice(open + 1, close) : mailbox).trim().toLowerCase();
}
