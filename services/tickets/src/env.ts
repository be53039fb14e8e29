import { commonEnv, databaseEnv, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { bool } from 'envalid';

export const env = loadEnv('tickets', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  TICKETS_PREFETCH: positiveInt({ default: 32 }),
  MIGRATE_ON_START: bool({ default: true }),
  OUTBOX_POLL_INTERVAL_MS: positiveInt({ default: 1_000 }),
});

export type TicketsEnv = typeof env;
export const TICKETS_SCHEMA = 'tickets';
