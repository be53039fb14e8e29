import { commonEnv, databaseEnv, duration, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { mailDomainProblem, replyLocalPartProblem } from '@helpdesk/mail';
import { bool, makeValidator, str, url } from 'envalid';

export const DEVELOPMENT_MAIL_TOKEN_SECRET = 'development-only-mail-token-secret-change-me';

const checked = (problemOf: (value: string) => string | null) =>
  makeValidator<string>((input) => {
    const value = String(input).trim();
    const problem = problemOf(value);
    if (problem) {
      throw new Error(`"${value}" is not usable: ${problem}`);
    }
    return value;
  });

/** `Name <address>` or a bare address. */
const mailbox = checked((value) =>
  /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(value) ? null : 'use "Helpdesk <support@example.com>"',
);

const loaded = loadEnv('notifications', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  NOTIFICATIONS_PREFETCH: positiveInt({ default: 16 }),
  MIGRATE_ON_START: bool({ default: true }),
  SMTP_URL: url({
    default: 'smtp://127.0.0.1:1025',
    desc: 'outbound SMTP server; smtps:// for TLS, user:pass@ for auth',
  }),
  SMTP_POOL_SIZE: positiveInt({ default: 5, desc: 'pooled SMTP connections' }),
  MAIL_FROM: mailbox({ default: 'Helpdesk <support@localhost>' }),
  MAIL_DOMAIN: checked(mailDomainProblem)({ default: 'localhost', desc: 'domain of reply addresses and Message-IDs' }),
  REPLY_LOCAL_PART: checked(replyLocalPartProblem)({ default: 'reply' }),
  MAIL_TOKEN_SECRET: str({
    default: DEVELOPMENT_MAIL_TOKEN_SECRET,
    desc: 'signs reply tokens; the same in mail-ingress',
  }),
  PUBLIC_URL: url({ default: 'http://localhost:3000', desc: 'base of the portal and admin links in mails' }),
  ENABLE_NOTE_EMAILS: bool({ default: true, desc: 'mail internal notes to staff (never to clients)' }),
  NOTIFICATIONS_EVENT_ATTEMPTS: positiveInt({ default: 20 }),
  NOTIFICATIONS_EVENT_RETRY_MS: positiveInt({ default: 1_000 }),
  MAIL_POLL_INTERVAL_MS: positiveInt({ default: 1_000 }),
  MAIL_RETRY_BASE_MS: positiveInt({ default: 5_000 }),
  MAIL_RETRY_MAX_MS: positiveInt({ default: 300_000 }),
  MAIL_GIVE_UP_AFTER: duration('h')({ default: 72 * 3_600_000 }),
  MAIL_SEND_TIMEOUT_MS: positiveInt({ default: 60_000 }),
});

if (
  loaded.NODE_ENV !== 'development' &&
  (loaded.MAIL_TOKEN_SECRET === DEVELOPMENT_MAIL_TOKEN_SECRET || loaded.MAIL_TOKEN_SECRET.length < 32)
) {
  process.stderr.write(
    'notifications: invalid environment variable MAIL_TOKEN_SECRET: set a random secret of at least 32 characters (development values need NODE_ENV=development)\n',
  );
  process.exit(78);
}

export const env = loaded;
export type NotificationsEnv = typeof env;
export const NOTIFICATIONS_SCHEMA = 'notifications';
