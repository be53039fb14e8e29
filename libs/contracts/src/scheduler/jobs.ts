/** The scheduler's jobs: each sends one command on a schedule and records how it went. */
export enum JobName {
  AutoClose = 'auto-close',
  AttachmentsCleanup = 'attachments-cleanup',
  OutboxRedrive = 'outbox-redrive',
  MailRedrive = 'mail-redrive',
  MailRawPurge = 'mail-raw-purge',
  SignInFailuresPurge = 'sign-in-failures-purge',
}

export enum JobOutcome {
  /** Started and not finished yet (only in the record; lastRun is always a finished run). */
  Running = 'running',
  Ok = 'ok',
  /** The command failed or timed out, or the replica running it stopped mid-run. */
  Failed = 'failed',
}

export interface JobRunView {
  startedAt: string;
  finishedAt: string | null;
  outcome: JobOutcome;
  /** Why it failed (the command's error), or null. */
  message: string | null;
  /** The numbers the command answered, e.g. `{ closed: 3, reminded: 1, batches: 1 }`. */
  counts: Record<string, number>;
  /** Which scheduler replica ran it. */
  replica: string;
}

export interface JobTotals {
  runs: number;
  succeeded: number;
  failed: number;
  /** Each count summed over every finished run. */
  counts: Record<string, number>;
}

export interface JobView {
  name: JobName;
  description: string;
  /** What it sends: `pattern` to the services' queues. */
  command: { pattern: string; queues: string[] };
  /** How often it runs, in milliseconds (0 when disabled). */
  everyMs: number;
  enabled: boolean;
  /** The most recent finished run (null if none yet). */
  lastRun: JobRunView | null;
  /** When the run in progress started, if one is. */
  runningSince: string | null;
  /** The most recent run that finished ok (null if none). */
  lastSucceededAt: string | null;
  totals: JobTotals;
}
