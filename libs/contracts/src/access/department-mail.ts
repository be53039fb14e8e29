/** What an email reply to a closed ticket of the department does (admins choose; `reopen` by default). */
export enum ReplyToClosedPolicy {
  /** The reply reopens the ticket (as customer_reply or answered), as a web reply does. */
  Reopen = 'reopen',
  /** Reopens within `reopenWithinDays` of the close; later, opens a new ticket linked to the old one. */
  NewTicketAfterDays = 'new_ticket_after_days',
  /** The reply is refused with a text asking to open a new ticket. */
  Refuse = 'refuse',
}

export const REOPEN_WITHIN_DAYS_MAX = 3650;

export const departmentEmailDoc = {
  nullable: true,
  maxLength: 254,
  example: 'billing@support.example.com',
  description:
    "the department's own address: mail to it from a known client opens a ticket here (it must reach mail-ingress, e.g. through MX records or forwarding); null: none",
};

export const replyToClosedPolicyDoc = {
  enum: ReplyToClosedPolicy,
  default: ReplyToClosedPolicy.Reopen,
  description:
    'an email reply to a closed ticket: reopen it; reopen only within reopenWithinDays of the close and otherwise open a new ticket linked to it; or refuse it',
};

export const reopenWithinDaysDoc = {
  nullable: true,
  minimum: 1,
  maximum: REOPEN_WITHIN_DAYS_MAX,
  description: 'with new_ticket_after_days: how many days after the close a reply still reopens the ticket',
};
