import { DomainError, ErrorCode, ReplyToClosedPolicy } from '@helpdesk/contracts';

export interface DepartmentMailSettings {
  email: string | null;
  replyToClosedPolicy: ReplyToClosedPolicy;
  reopenWithinDays: number | null;
}

type MailSettingsInput = Partial<{
  email: string | null;
  replyToClosedPolicy: ReplyToClosedPolicy;
  reopenWithinDays: number | null;
}>;

/**
 * A department's mail settings after a create (no `current`) or an update: absent fields keep
 * what the department has, `null` clears; addresses are stored in lower case. A policy of
 * `new_ticket_after_days` needs its number of days.
 */
export function departmentMailSettings(
  input: MailSettingsInput,
  current?: DepartmentMailSettings,
): DepartmentMailSettings {
  const email = input.email === undefined ? (current?.email ?? null) : normaliseAddress(input.email);
  const replyToClosedPolicy = input.replyToClosedPolicy ?? current?.replyToClosedPolicy ?? ReplyToClosedPolicy.Reopen;
  const reopenWithinDays =
    input.reopenWithinDays === undefined ? (current?.reopenWithinDays ?? null) : input.reopenWithinDays;
  if (replyToClosedPolicy === ReplyToClosedPolicy.NewTicketAfterDays && reopenWithinDays === null) {
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'reopenWithinDays: say within how many days of the close a reply still reopens the ticket (new_ticket_after_days).',
    );
  }
  return { email, replyToClosedPolicy, reopenWithinDays };
}

function normaliseAddress(email: string | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
