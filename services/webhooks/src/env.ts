import {
  commonEnv,
  databaseEnv,
  duration,
  healthEnv,
  loadEnv,
  positiveInt,
  requireProductionSecrets,
} from '@helpdesk/config';
import { bool, str } from 'envalid';

export const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'development-only-webhook-secret-key-change-me';

const loaded = loadEnv('webhooks', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  WEBHOOKS_PREFETCH: positiveInt({ default: 8 }),
  MIGRATE_ON_START: bool({ default: true }),
  WEBHOOK_ALLOW_HTTP: bool({ default: false, desc: 'accept http:// webhook URLs (https only otherwise)' }),
  WEBHOOK_ALLOW_PRIVATE: bool({
    default: false,
    desc: 'accept URLs resolving to loopback, private or link-local addresses',
  }),
  WEBHOOK_TIMEOUT_MS: positiveInt({ default: 10_000, desc: 'per attempt: connect, send and read the answer' }),
  WEBHOOK_CONCURRENCY: positiveInt({ default: 16, desc: 'requests in flight per replica' }),
  WEBHOOK_POLL_INTERVAL_MS: positiveInt({ default: 1_000 }),
  WEBHOOK_RETRY_BASE_MS: positiveInt({ default: 10_000, desc: 'the first retry delay; each next one doubles' }),
  WEBHOOK_RETRY_MAX_MS: positiveInt({ default: 3_600_000 }),
  WEBHOOK_GIVE_UP_AFTER: duration('h')({ default: 24 * 3_600_000, desc: 'failing this long makes a delivery dead' }),
  WEBHOOK_DISABLE_AFTER_DEAD: positiveInt({ default: 50, desc: 'dead deliveries in a row that turn a webhook off' }),
  WEBHOOK_SECRET_OVERLAP: duration('h')({
    default: 24 * 3_600_000,
    desc: 'a rotated-out secret keeps signing this long',
  }),
  WEBHOOK_DELIVERIES_RETAIN: duration('d')({ default: 30 * 86_400_000, desc: 'finished deliveries older are deleted' }),
  WEBHOOKS_EVENT_ATTEMPTS: positiveInt({ default: 20 }),
  WEBHOOKS_EVENT_RETRY_MS: positiveInt({ default: 1_000 }),
  WEBHOOK_SECRET_KEY: str({
    default: DEVELOPMENT_WEBHOOK_SECRET_KEY,
    desc: 'encrypts webhook signing secrets at rest (AES-256-GCM); required in production; changing it strands the stored secrets',
  }),
});

requireProductionSecrets('webhooks', loaded, { WEBHOOK_SECRET_KEY: DEVELOPMENT_WEBHOOK_SECRET_KEY });

export const env = loaded;

export type WebhooksEnv = typeof env;
export const WEBHOOKS_SCHEMA = 'webhooks';
