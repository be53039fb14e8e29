import {
  commonEnv,
  databaseEnv,
  duration,
  healthEnv,
  loadEnv,
  positiveInt,
  requireProductionSecrets,
  s3Env,
} from '@helpdesk/config';
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_ATTACHMENTS_MAX_BYTES_PER_MESSAGE } from '@helpdesk/contracts';
import { bool, port, str } from 'envalid';

export const DEVELOPMENT_GRANT_SECRET = 'development-only-attachments-grant-secret';

const loaded = loadEnv('attachments', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  ...s3Env,
  S3_BUCKET: str({ default: 'helpdesk-attachments' }),
  ATTACHMENTS_PREFETCH: positiveInt({ default: 32 }),
  MIGRATE_ON_START: bool({ default: true }),
  ATTACHMENTS_HTTP_PORT: port({ default: 3100, desc: 'internal port for file bytes and /health; never public' }),
  ATTACHMENTS_HTTP_HOST: str({ default: '127.0.0.1', desc: 'address of the internal port; 0.0.0.0 in containers' }),
  ATTACHMENTS_GRANT_SECRET: str({
    default: DEVELOPMENT_GRANT_SECRET,
    desc: 'signs transfer grants; shared by replicas',
  }),
  ATTACHMENT_MAX_BYTES: positiveInt({ default: DEFAULT_ATTACHMENT_MAX_BYTES }),
  ATTACHMENTS_MAX_BYTES_PER_MESSAGE: positiveInt({ default: DEFAULT_ATTACHMENTS_MAX_BYTES_PER_MESSAGE }),
  ATTACHMENTS_MAX_STORED_BYTES_PER_ACCOUNT: positiveInt({
    default: 1024 * 1024 * 1024,
    desc: 'everything one account may have uploaded, in bytes',
  }),
  S3_RAW_MAIL_BUCKET: str({
    default: 'helpdesk-raw-mail',
    desc: "mail-ingress's bucket: the only one attachments.import copies from (as mail-ingress)",
  }),
  ATTACHMENT_UNLINKED_TTL: duration('h')({
    default: 24 * 3_600_000,
    desc: 'uploads no message took are removed after this (e.g. 24h)',
  }),
});

requireProductionSecrets('attachments', loaded, { ATTACHMENTS_GRANT_SECRET: DEVELOPMENT_GRANT_SECRET });

export const env = loaded;
export type AttachmentsEnv = typeof env;
export const ATTACHMENTS_SCHEMA = 'attachments';
