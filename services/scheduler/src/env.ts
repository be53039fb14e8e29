import { commonEnv, databaseEnv, duration, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { bool, makeValidator } from 'envalid';

import { parseInterval, parseServiceList } from './jobs/job-settings';

/** A period such as `5m` (bare numbers are minutes), `1h` or `1s`; never 0. */
const interval = makeValidator<number>((input) => parseInterval(String(input)));
const services = makeValidator<string[]>((input) => parseServiceList(String(input)));

export const env = loadEnv('scheduler', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  SCHEDULER_PREFETCH: positiveInt({ default: 8 }),
  MIGRATE_ON_START: bool({ default: true }),
  JOB_TIMEOUT: duration('s')({ default: 120_000, desc: 'how long a job waits for its command to be answered' }),
  JOB_RUNS_RETAIN: duration('d')({ default: 7 * 86_400_000, desc: 'job runs older than this are deleted' }),
  ENABLE_AUTO_CLOSE_SWEEP: bool({ default: true }),
  AUTO_CLOSE_SWEEP_INTERVAL: interval({ default: 5 * 60_000 }),
  ENABLE_ATTACHMENTS_CLEANUP: bool({ default: true }),
  ATTACHMENTS_CLEANUP_INTERVAL: interval({ default: 60 * 60_000 }),
  ENABLE_OUTBOX_REDRIVE: bool({ default: true }),
  OUTBOX_REDRIVE_INTERVAL: interval({ default: 60_000 }),
  OUTBOX_REDRIVE_SERVICES: services({ default: ['tickets', 'access'], desc: 'services whose outbox is re-driven' }),
  ENABLE_MAIL_REDRIVE: bool({ default: true }),
  MAIL_REDRIVE_INTERVAL: interval({ default: 5 * 60_000 }),
  ENABLE_MAIL_RAW_PURGE: bool({ default: true }),
  MAIL_RAW_PURGE_INTERVAL: interval({ default: 60 * 60_000 }),
  ENABLE_SIGN_IN_FAILURES_PURGE: bool({ default: true }),
  SIGN_IN_FAILURES_PURGE_INTERVAL: interval({ default: 60 * 60_000 }),
});

export type SchedulerEnv = typeof env;
export const SCHEDULER_SCHEMA = 'scheduler';
