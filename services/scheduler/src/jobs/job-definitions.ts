import {
  AccessPatterns,
  AttachmentPatterns,
  JobName,
  MailIngressPatterns,
  Queues,
  SystemPatterns,
  TicketPatterns,
} from '@helpdesk/contracts';

/** The command mail-ingress answers by publishing again the jobs of stalled inbound mails. */
export const MAIL_INGRESS_REDRIVE = MailIngressPatterns.Redrive;

/** One timed job: the command it sends, to which services, how often. */
export interface JobDefinition {
  name: JobName;
  description: string;
  enabled: boolean;
  everyMs: number;
  pattern: string;
  /** Each is sent the command (in parallel); the run fails if any of them fails. */
  queues: string[];
  payload: Record<string, unknown>;
}

export interface JobSettings {
  ENABLE_AUTO_CLOSE_SWEEP: boolean;
  AUTO_CLOSE_SWEEP_INTERVAL: number;
  ENABLE_ATTACHMENTS_CLEANUP: boolean;
  ATTACHMENTS_CLEANUP_INTERVAL: number;
  ENABLE_OUTBOX_REDRIVE: boolean;
  OUTBOX_REDRIVE_INTERVAL: number;
  OUTBOX_REDRIVE_SERVICES: string[];
  ENABLE_MAIL_REDRIVE: boolean;
  MAIL_REDRIVE_INTERVAL: number;
  ENABLE_MAIL_RAW_PURGE: boolean;
  MAIL_RAW_PURGE_INTERVAL: number;
  ENABLE_SIGN_IN_FAILURES_PURGE: boolean;
  SIGN_IN_FAILURES_PURGE_INTERVAL: number;
}

/** The scheduler's jobs, from its environment. Every command is idempotent. */
export function jobDefinitions(settings: JobSettings): JobDefinition[] {
  return [
    {
      name: JobName.AutoClose,
      description: 'Close tickets waiting on the client past their window; remind clients before.',
      enabled: settings.ENABLE_AUTO_CLOSE_SWEEP,
      everyMs: settings.AUTO_CLOSE_SWEEP_INTERVAL,
      pattern: TicketPatterns.AutoCloseSweep,
      queues: [Queues.Tickets],
      payload: {},
    },
    {
      name: JobName.AttachmentsCleanup,
      description: 'Remove uploads that no message took in time.',
      enabled: settings.ENABLE_ATTACHMENTS_CLEANUP,
      everyMs: settings.ATTACHMENTS_CLEANUP_INTERVAL,
      pattern: AttachmentPatterns.RemoveUnlinked,
      queues: [Queues.Attachments],
      payload: {},
    },
    {
      name: JobName.OutboxRedrive,
      description: 'Publish events a service wrote to its outbox but has not relayed yet.',
      enabled: settings.ENABLE_OUTBOX_REDRIVE && settings.OUTBOX_REDRIVE_SERVICES.length > 0,
      everyMs: settings.OUTBOX_REDRIVE_INTERVAL,
      pattern: SystemPatterns.RelayOutbox,
      queues: settings.OUTBOX_REDRIVE_SERVICES,
      payload: {},
    },
    {
      name: JobName.MailRedrive,
      description: 'Resume inbound mails whose processing stalled.',
      enabled: settings.ENABLE_MAIL_REDRIVE,
      everyMs: settings.MAIL_REDRIVE_INTERVAL,
      pattern: MAIL_INGRESS_REDRIVE,
      queues: [Queues.MailIngress],
      payload: {},
    },
    {
      name: JobName.MailRawPurge,
      description: 'Remove the raw source of inbound mails that added nothing, past their retention.',
      enabled: settings.ENABLE_MAIL_RAW_PURGE,
      everyMs: settings.MAIL_RAW_PURGE_INTERVAL,
      pattern: MailIngressPatterns.PurgeRaw,
      queues: [Queues.MailIngress],
      payload: {},
    },
    {
      name: JobName.SignInFailuresPurge,
      description: 'Forget failed sign-ins past their retention whose lock has ended.',
      enabled: settings.ENABLE_SIGN_IN_FAILURES_PURGE,
      everyMs: settings.SIGN_IN_FAILURES_PURGE_INTERVAL,
      pattern: AccessPatterns.PurgeSignInFailures,
      queues: [Queues.Access],
      payload: {},
    },
  ];
}
