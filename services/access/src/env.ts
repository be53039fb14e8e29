import { commonEnv, databaseEnv, duration, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { bool, email, str } from 'envalid';

import { DEVELOPMENT_ADMIN, seedAdminProblems } from './seed/seed-admin-checks';

const loaded = loadEnv('access', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  ACCESS_PREFETCH: positiveInt({ default: 32 }),
  MIGRATE_ON_START: bool({ default: true }),
  ENABLE_CLIENT_REGISTRATION: bool({ default: false }),
  VERIFY_EMAIL_LINK_TTL: duration('h')({
    default: 48 * 3_600_000,
    desc: 'how long a mailed address-confirmation link works',
  }),
  PASSWORD_RESET_LINK_TTL: duration('m')({ default: 60 * 60_000, desc: 'how long a mailed password-reset link works' }),
  ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR: positiveInt({
    default: 5,
    desc: 'confirmation and password-reset mails one address may be sent per hour',
  }),
  ACCOUNT_MAILS_PER_REMOTE_ADDRESS_PER_HOUR: positiveInt({
    default: 30,
    desc: 'confirmation and password-reset requests (registrations included) one remote address may make per hour',
  }),
  SEED_ADMIN_EMAIL: email({ default: DEVELOPMENT_ADMIN.email }),
  SEED_ADMIN_PASSWORD: str({ default: '' }),
  SEED_DEMO: bool({ default: false }),
  LOGIN_MAX_FAILURES: positiveInt({
    default: 5,
    desc: 'failures in a row of one account from one address before that address is locked out of it',
  }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt({
    default: 50,
    desc: 'failed sign-ins from one address, against any accounts, per LOGIN_ADDRESS_WINDOW',
  }),
  LOGIN_ADDRESS_WINDOW: duration('m')({ default: 15 * 60_000 }),
  SIGN_IN_FAILURES_RETENTION: duration('h')({
    default: 24 * 3_600_000,
    desc: "failed sign-ins not repeated for this long (and no longer locking) are forgotten by the scheduler's sign-in-failures-purge job",
  }),
  QUOTA_TICKETS_PER_HOUR: positiveInt({ default: 30, desc: 'tickets one account may open per clock hour' }),
  QUOTA_REPLIES_PER_HOUR: positiveInt({ default: 200, desc: 'replies and notes one account may add per clock hour' }),
  QUOTA_UPLOADS_PER_HOUR: positiveInt({ default: 100, desc: 'upload requests one account may make per clock hour' }),
});

const seedProblems =
  loaded.NODE_ENV !== 'development' ? seedAdminProblems(loaded.SEED_ADMIN_EMAIL, loaded.SEED_ADMIN_PASSWORD) : [];
if (seedProblems.length > 0) {
  for (const { variable, problem } of seedProblems) {
    process.stderr.write(`access: invalid environment variable ${variable}: ${problem}\n`);
  }
  process.exit(78);
}

export const env = loaded;
export type AccessEnv = typeof env;
export const ACCESS_SCHEMA = 'access';
