import { TicketStatus } from '@helpdesk/contracts';

export const DAY_MS = 86_400_000;

/** The tickets service's auto-close settings (AUTO_CLOSE_* in its environment). */
export interface AutoClosePolicy {
  /** AUTO_CLOSE_AFTER: the window of departments without their own `autoCloseDays`; 0 = off. */
  defaultWindowMs: number;
  /** AUTO_CLOSE_STATUSES: the statuses of tickets waiting on the client. */
  statuses: TicketStatus[];
  /** AUTO_CLOSE_REMINDER_BEFORE: how long before the close the client is reminded; 0 = no reminders. */
  reminderBeforeMs: number;
  /** AUTO_CLOSE_BATCH_SIZE: tickets per statement. */
  batchSize: number;
}

export interface DepartmentWindowSource {
  id: number;
  autoCloseDays: number | null;
}

/**
 * One department's rules at the sweep's moment `asOf`, as cut-off times the SQL compares
 * `last_activity_at` (and `auto_close_reminded_at`) with.
 */
export interface DepartmentSweep {
  departmentId: number;
  windowMs: number;
  /** Tickets whose last activity is at or before this are due to close. */
  closeIfActiveBefore: Date;
  /** Reminders apply (on, and shorter than the window): */
  remind: boolean;
  /** Tickets whose last activity is at or before this are due a reminder (when `remind`). */
  remindIfActiveBefore: Date;
  /**
   * When `remind`, a due ticket closes only once its reminder is at least `reminderBeforeMs`
   * old: the client always gets the notice the reminder promised, even after an outage.
   */
  closeIfRemindedBefore: Date;
}

/** A department's window: its own `autoCloseDays` when set (0 = never), else the default. */
export function windowMsOf(autoCloseDays: number | null, defaultWindowMs: number): number {
  return autoCloseDays === null ? defaultWindowMs : autoCloseDays * DAY_MS;
}

/** Whether the reminder applies to a window: it must be on and leave the ticket some open time first. */
export function remindsWithin(windowMs: number, reminderBeforeMs: number): boolean {
  return reminderBeforeMs > 0 && windowMs > reminderBeforeMs;
}

/** The departments whose tickets can auto-close at all, each with its cut-offs at `asOf`. */
export function departmentSweeps(
  departments: DepartmentWindowSource[],
  policy: Pick<AutoClosePolicy, 'defaultWindowMs' | 'reminderBeforeMs'>,
  asOf: Date,
): DepartmentSweep[] {
  const at = asOf.getTime();
  return departments
    .map((department) => ({ department, windowMs: windowMsOf(department.autoCloseDays, policy.defaultWindowMs) }))
    .filter(({ windowMs }) => windowMs > 0)
    .map(({ department, windowMs }) => ({
      departmentId: department.id,
      windowMs,
      closeIfActiveBefore: new Date(at - windowMs),
      remind: remindsWithin(windowMs, policy.reminderBeforeMs),
      remindIfActiveBefore: new Date(at - windowMs + policy.reminderBeforeMs),
      closeIfRemindedBefore: new Date(at - policy.reminderBeforeMs),
    }));
}

/** `AUTO_CLOSE_STATUSES`: a comma-separated list of statuses; `closed` makes no sense there. */
export function parseAutoCloseStatuses(input: string): TicketStatus[] {
  const names = input
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = new Set<string>(Object.values(TicketStatus));
  const unknown = names.filter((name) => !known.has(name) || name === TicketStatus.Closed);
  if (names.length === 0 || unknown.length > 0) {
    const allowed = Object.values(TicketStatus).filter((status) => status !== TicketStatus.Closed);
    throw new Error(`"${input}" is not a list of statuses (choose from ${allowed.join(', ')})`);
  }
  return [...new Set(names)] as TicketStatus[];
}
