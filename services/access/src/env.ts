import { commonEnv, databaseEnv, healthEnv, loadEnv, positiveInt } from '@helpdesk/config';
import { bool, email, str } from 'envalid';

export const env = loadEnv('access', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  ACCESS_PREFETCH: positiveInt({ default: 32 }),
  MIGRATE_ON_START: bool({ default: true }),
  ENABLE_CLIENT_REGISTRATION: bool({ default: false }),
  SEED_ADMIN_EMAIL: email({ default: 'admin@example.com' }),
  SEED_ADMIN_PASSWORD: str({ default: '' }),
  SEED_DEMO: bool({ default: false }),
  LOGIN_MAX_FAILURES: positiveInt({ default: 5 }),
});

export type AccessEnv = typeof env;
export const ACCESS_SCHEMA = 'access';
