import { IsInt, IsISO8601, IsNumber, IsOptional, Min } from 'class-validator';

/**
 * `tickets.auto-close-sweep`. Only ever sent on the internal queue (by the scheduler, or an
 * operator's script); the gateway does not expose it, since `asOf` moves the sweep's clock.
 */
export class AutoCloseSweepPayload {
  /** Sweep as if it were this moment (tests, operators catching up); default: now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export interface AutoCloseSweepResult {
  /** The moment the sweep measured windows against. */
  asOf: string;
  /** Tickets closed by this sweep (each exactly once, across replicas). */
  closed: number;
  /** Reminders queued (`ticket.auto-close-reminder`). */
  reminded: number;
  /** Statements run; each handles up to AUTO_CLOSE_BATCH_SIZE tickets. */
  batches: number;
}

/**
 * What `ticket.closed` (reason `auto`) and `ticket.auto-close-reminder` say about the window
 * that applied: the department's `autoCloseDays`, or the service's AUTO_CLOSE_AFTER.
 */
export class AutoCloseFacts {
  @IsInt()
  @Min(0)
  windowMs: number;

  /** `windowMs` in days, rounded to 3 decimals (operators and tests use hour or second windows). */
  @IsNumber()
  @Min(0)
  windowDays: number;

  /** When the ticket closes (reminder) or closed (ticket.closed), ISO time. */
  @IsISO8601({ strict: true })
  closesAt: string;

  /** Whole days from the event to `closesAt`, rounded up; 0 on ticket.closed. */
  @IsInt()
  @Min(0)
  daysLeft: number;
}
