import { commonEnv, databaseEnv, duration, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { TicketStatus } from '@helpdesk/contracts';
import { bool, makeValidator, str } from 'envalid';

import { DAY_MS, parseAutoCloseStatuses } from './auto-close/auto-close-policy';

const autoCloseStatuses = makeValidator<TicketStatus[]>((input) => parseAutoCloseStatuses(String(input)));

export const env = loadEnv('tickets', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  TICKETS_PREFETCH: positiveInt({ default: 32 }),
  MIGRATE_ON_START: bool({ default: true }),
  OUTBOX_POLL_INTERVAL_MS: positiveInt({ default: 1_000 }),
  AUTO_CLOSE_AFTER: duration('d')({ default: 7 * DAY_MS, desc: 'default auto-close window (7, 7d, 36h, 5s); 0 = off' }),
  AUTO_CLOSE_STATUSES: autoCloseStatuses({
    default: [TicketStatus.Answered],
    desc: 'statuses of tickets waiting on the client',
  }),
  AUTO_CLOSE_REMINDER_BEFORE: duration('d')({
    default: 0,
    desc: 'remind the client this long before the close; 0 = never',
  }),
  AUTO_CLOSE_BATCH_SIZE: positiveInt({ default: 500 }),
  TICKET_MAX_CCS: positiveInt({ default: 20, desc: 'current CCs one ticket may have' }),
  MAIL_DOMAIN: str({ default: 'localhost', desc: 'the domain of reply addresses (as notifications): never a CC' }),
  PRESENCE_TTL: duration('s')({
    default: 30_000,
    desc: 'how long a heartbeat keeps staff shown on a ticket (30, 30s, 2m)',
  }),
  MAIL_FROM: str({ default: 'Helpdesk <support@localhost>', desc: "notifications' From: never a CC" }),
});

export type TicketsEnv = typeof env;
export const TICKETS_SCHEMA = 'tickets';
