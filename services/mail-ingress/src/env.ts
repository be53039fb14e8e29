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
import { mailDomainProblem, replyLocalPartProblem } from '@helpdesk/mail';
import { bool, makeValidator, port, str } from 'envalid';

import {
  mailboxAddress,
  parseList,
  parseSecretList,
  SenderMismatchPolicy,
  UnverifiedSenderPolicy,
} from './config/mail-ingress-config';
import { SenderAuthMode } from './sender-auth/sender-authenticator';

export const DEVELOPMENT_MAIL_TOKEN_SECRET = 'development-only-mail-token-secret-change-me';
export const DEVELOPMENT_MAILBOX_SECRET_KEY = 'development-only-mailbox-secret-key-change-me';

const checked = (problemOf: (value: string) => string | null) =>
  makeValidator<string>((input) => {
    const value = String(input).trim();
    const problem = problemOf(value);
    if (problem) {
      throw new Error(`"${value}" is not usable: ${problem}`);
    }
    return value;
  });

const mailbox = makeValidator<string>((input) => {
  const value = String(input).trim();
  if (!mailboxAddress(value)) {
    throw new Error(`"${value}" is not a mailbox (use "Helpdesk <support@example.com>")`);
  }
  return value;
});

const secretList = makeValidator<string[]>((input) => parseSecretList(String(input)));
const list = makeValidator<string[]>((input) => parseList(String(input)));

const loaded = loadEnv('mail-ingress', {
  ...commonEnv,
  ...databaseEnv,
  ...healthEnv,
  ...s3Env,
  MIGRATE_ON_START: bool({ default: true }),
  MAIL_INGRESS_PREFETCH: positiveInt({ default: 16, desc: 'RPC requests (the inbound log) handled at once' }),
  S3_RAW_MAIL_BUCKET: str({
    default: 'helpdesk-raw-mail',
    desc: 'bucket of raw inbound messages (same endpoint as attachments)',
  }),
  MAIL_RAW_INLINE_MAX_BYTES: positiveInt({
    default: 256 * 1024,
    desc: 'raw messages up to this size are kept in PostgreSQL, larger ones in S3_RAW_MAIL_BUCKET',
  }),
  SMTP_INGRESS_HOST: str({ default: '127.0.0.1', desc: 'address the SMTP listener binds; 0.0.0.0 in containers' }),
  SMTP_INGRESS_PORT: port({ default: 2525 }),
  SMTP_INGRESS_HOSTNAME: str({ default: '', desc: 'name in the greeting; empty: MAIL_DOMAIN' }),
  SMTP_INGRESS_MAX_BYTES: positiveInt({ default: 30 * 1024 * 1024, desc: 'largest message (SIZE), bytes' }),
  SMTP_INGRESS_TLS_KEY: str({ default: '', desc: 'PEM key file; with the certificate, STARTTLS is offered' }),
  SMTP_INGRESS_TLS_CERT: str({ default: '', desc: 'PEM certificate (chain) file' }),
  SMTP_INGRESS_MAX_RECIPIENTS: positiveInt({ default: 20 }),
  SMTP_INGRESS_MAX_MESSAGES_PER_CONNECTION: positiveInt({ default: 100 }),
  SMTP_INGRESS_MAX_CONNECTIONS: positiveInt({ default: 500 }),
  SMTP_INGRESS_MAX_CONNECTIONS_PER_IP: positiveInt({ default: 20 }),
  SMTP_INGRESS_MAX_RECIPIENTS_PER_CONNECTION: positiveInt({
    default: 200,
    desc: 'recipients judged on one connection before it is closed with 421',
  }),
  SMTP_INGRESS_MAX_REFUSALS_PER_CONNECTION: positiveInt({
    default: 10,
    desc: 'refused recipients on one connection before it is closed with 421',
  }),
  SMTP_INGRESS_MAX_REFUSALS_PER_IP_PER_HOUR: positiveInt({
    default: 100,
    desc: 'refused recipients per client address in one clock hour; past it, 421 until the hour ends',
  }),
  SMTP_INGRESS_SOCKET_TIMEOUT: duration('s')({ default: 60_000, desc: 'idle time before a connection is dropped' }),
  SMTP_INGRESS_DATA_TIMEOUT: duration('s')({ default: 10 * 60_000, desc: 'longest time one DATA transfer may take' }),
  MAIL_DOMAIN: checked(mailDomainProblem)({
    default: 'localhost',
    desc: 'the domain of reply addresses (as notifications)',
  }),
  REPLY_LOCAL_PART: checked(replyLocalPartProblem)({ default: 'reply' }),
  MAIL_TOKEN_SECRET: str({
    default: DEVELOPMENT_MAIL_TOKEN_SECRET,
    desc: 'verifies reply tokens; the same as notifications',
  }),
  MAIL_TOKEN_PREVIOUS_SECRETS: secretList({
    default: [],
    desc: 'comma-separated secrets still accepted during a rotation',
  }),
  MAIL_FROM: mailbox({ default: 'Helpdesk <support@localhost>', desc: "notifications' From: mail from it is our own" }),
  SENDER_MISMATCH_POLICY: str({
    choices: [SenderMismatchPolicy.Refuse, SenderMismatchPolicy.InternalNote],
    default: SenderMismatchPolicy.Refuse,
    desc: "mail through a token from another address than the token's recipient: refuse it, or keep it as an internal note",
  }),
  SENDER_AUTH: str({
    choices: [SenderAuthMode.Verify, SenderAuthMode.TrustedHeaders],
    default: SenderAuthMode.Verify,
    desc: 'verify: check DKIM, SPF and DMARC here (the MX); trusted-headers: believe the Authentication-Results of TRUSTED_AUTHSERV_IDS only',
  }),
  TRUSTED_AUTHSERV_IDS: list({
    default: [],
    desc: "comma-separated authserv-ids of the organisation's MTAs (SENDER_AUTH=trusted-headers)",
  }),
  SENDER_AUTH_DNS_SERVERS: list({
    default: [],
    desc: 'comma-separated DNS servers (ip or ip:port) for DKIM, SPF and DMARC lookups; empty: the system resolver',
  }),
  SENDER_AUTH_DNS_TIMEOUT: duration('s')({ default: 5_000, desc: 'how long one DNS question may take' }),
  UNVERIFIED_SENDER_POLICY: str({
    choices: [UnverifiedSenderPolicy.Hold, UnverifiedSenderPolicy.NewTicket, UnverifiedSenderPolicy.Refuse],
    default: UnverifiedSenderPolicy.Hold,
    desc: 'mail from a sender that could not be verified: hold (an internal note, or held for release), new_ticket (a new ticket under an unverified requester), or refuse',
  }),
  TICKET_MAX_CCS: positiveInt({
    default: 20,
    desc: 'To/Cc addresses of a mail that opens a ticket that become its CCs (as tickets); the rest are logged as dropped',
  }),
  INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR: positiveInt({ default: 30 }),
  ALLOW_NEW_CLIENTS_BY_EMAIL: bool({
    default: false,
    desc: 'mail to a department address from an unknown sender creates the client',
  }),
  MAIL_INGRESS_HTTP_PORT: port({
    default: 3200,
    desc: 'internal port for raw-message downloads (grants required); never public',
  }),
  MAIL_INGRESS_HTTP_HOST: str({ default: '127.0.0.1' }),
  MAIL_PROCESSING_PREFETCH: positiveInt({ default: 4, desc: 'messages processed at once per replica' }),
  MAIL_PROCESSING_ATTEMPTS: positiveInt({
    default: 10,
    desc: 'quick retries of a processing job before it waits for the re-drive',
  }),
  MAIL_PROCESSING_RETRY_MS: positiveInt({ default: 1_000 }),
  MAIL_PROCESSING_MAX_ATTEMPTS: positiveInt({ default: 50, desc: 'attempts in all before a message is marked failed' }),
  MAIL_PROCESSING_WORKERS: positiveInt({ default: 2, desc: 'worker threads that parse and strip messages, at most' }),
  MAIL_PROCESSING_WORKER_IDLE: duration('s')({
    default: 60_000,
    desc: 'a worker thread without a message this long is ended; the next message starts one',
  }),
  MAIL_PROCESSING_TIMEOUT: duration('s')({
    default: 30_000,
    desc: 'how long parsing and stripping one message may take before it is failed',
  }),
  MAIL_PROCESSING_MAX_MEMORY_MB: positiveInt({
    default: 512,
    desc: 'heap one worker thread may use for one message before it is failed',
  }),
  MAIL_PROCESSING_LEASE: duration('s')({ default: 5 * 60_000, desc: 'how long a worker holds a message it processes' }),
  MAIL_REDRIVE_AFTER: duration('s')({
    default: 60_000,
    desc: "a message waiting this long for processing is published again by the scheduler's re-drive",
  }),
  MAIL_RAW_RETENTION: duration('d')({
    default: 14 * 86_400_000,
    desc: 'how long the raw source of a mail that added nothing (refused, unmatched, ignored) is kept',
  }),
  MAILBOX_SECRET_KEY: str({
    default: DEVELOPMENT_MAILBOX_SECRET_KEY,
    desc: 'seals the passwords of IMAP mailboxes in the database; changing it makes admins enter them again',
  }),
  MAILBOX_POLL_INTERVAL: duration('s')({
    default: 60_000,
    desc: 'how often a mailbox whose server has no IDLE is asked for new mail (and IDLE is checked anyway)',
  }),
  MAILBOX_RETRY_INTERVAL: duration('s')({
    default: 60_000,
    desc: 'how long after a failing connection to a mailbox the next attempt starts',
  }),
  MAILBOX_SUPERVISE_INTERVAL: duration('s')({
    default: 5_000,
    desc: 'how often the list of mailboxes is read again: a new, changed or removed mailbox is picked up within it',
  }),
  MAIL_DIRECTORY_CACHE_TTL: duration('s')({
    default: 10_000,
    desc: 'how long people and department addresses are cached',
  }),
});

requireProductionSecrets('mail-ingress', loaded, {
  MAIL_TOKEN_SECRET: DEVELOPMENT_MAIL_TOKEN_SECRET,
  MAILBOX_SECRET_KEY: DEVELOPMENT_MAILBOX_SECRET_KEY,
});

export const env = loaded;
export type MailIngressEnv = typeof env;
