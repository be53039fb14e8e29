import { ByIdPayload } from '../common/by-id';
import { Page } from '../common/page';
import { PrincipalOnlyPayload } from '../common/with-principal';
import {
  InboundMailView,
  ListInboundMailsPayload,
  MailRawPurgeResult,
  MailRedriveResult,
  RawMailGrant,
} from './inbound-mails';
import {
  CreateMailboxPayload,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  UpdateMailboxPayload,
} from './mailboxes';

/** Commands the mail-ingress service answers (queue `mail-ingress`). */
export const MailIngressPatterns = {
  /**
   * The inbound-mail log, newest first (keyset-paginated). Sent by the gateway. Staff only:
   * admins see every mail; other staff the mails added to (or ignored on) tickets of their
   * departments, as the tickets service decides. Refused and unmatched mails: admins only. Idempotent.
   */
  List: 'mail-ingress.list',
  /** One inbound mail, scoped as `List`. Idempotent. */
  Get: 'mail-ingress.get',
  /** A grant to download one mail's raw source from the internal HTTP port, scoped as `List`. Idempotent. */
  GrantRaw: 'mail-ingress.grant-raw',
  /**
   * Sent by the scheduler: publishes the processing job of every mail stuck in `received` or in
   * `processing` past its lease. Idempotent: processing is claimed per mail and added once.
   */
  Redrive: 'mail-ingress.redrive',
  /**
   * Sent by the gateway for staff who may see the mail: a `held` mail (unverified sender) is
   * processed as if its sender had been verified, i.e. posted as that client. Answers
   * INBOUND_MAIL_NOT_HELD for any other state, so a second release does nothing.
   */
  Release: 'mail-ingress.release',
  /**
   * Sent by the scheduler: removes the raw source of mails that added nothing (refused, unmatched,
   * ignored) once older than MAIL_RAW_RETENTION; their log entries stay. Idempotent.
   */
  PurgeRaw: 'mail-ingress.purge-raw',
  /**
   * Mailboxes fetched over IMAP (admins only; sent by the gateway). Create and update with new
   * connection settings connect first and answer MAILBOX_AUTH_FAILED, MAILBOX_UNREACHABLE or
   * MAILBOX_FOLDER_NOT_FOUND instead of saving what cannot work. Not idempotent.
   */
  CreateMailbox: 'mail-ingress.mailboxes.create',
  /** Idempotent. */
  ListMailboxes: 'mail-ingress.mailboxes.list',
  /** Idempotent. */
  GetMailbox: 'mail-ingress.mailboxes.get',
  /** Idempotent. */
  UpdateMailbox: 'mail-ingress.mailboxes.update',
  /** Stops fetching and forgets the mailbox (its mails stay in the log). Idempotent in effect. */
  DeleteMailbox: 'mail-ingress.mailboxes.delete',
  /** Connects, lists folders and counts messages; changes nothing. Idempotent. */
  TestMailbox: 'mail-ingress.mailboxes.test',
  /** Idempotent. */
  MailboxStatus: 'mail-ingress.mailboxes.status',
} as const;

export interface MailIngressRpc {
  [MailIngressPatterns.List]: { payload: ListInboundMailsPayload; result: Page<InboundMailView> };
  [MailIngressPatterns.Get]: { payload: ByIdPayload; result: InboundMailView };
  [MailIngressPatterns.GrantRaw]: { payload: ByIdPayload; result: RawMailGrant };
  [MailIngressPatterns.Redrive]: { payload: Record<string, never>; result: MailRedriveResult };
  [MailIngressPatterns.Release]: { payload: ByIdPayload; result: InboundMailView };
  [MailIngressPatterns.PurgeRaw]: { payload: Record<string, never>; result: MailRawPurgeResult };
  [MailIngressPatterns.CreateMailbox]: { payload: CreateMailboxPayload; result: MailboxView };
  [MailIngressPatterns.ListMailboxes]: { payload: PrincipalOnlyPayload; result: MailboxView[] };
  [MailIngressPatterns.GetMailbox]: { payload: ByIdPayload; result: MailboxView };
  [MailIngressPatterns.UpdateMailbox]: { payload: UpdateMailboxPayload; result: MailboxView };
  [MailIngressPatterns.DeleteMailbox]: { payload: ByIdPayload; result: { deleted: true } };
  [MailIngressPatterns.TestMailbox]: { payload: ByIdPayload; result: MailboxTestResult };
  [MailIngressPatterns.MailboxStatus]: { payload: ByIdPayload; result: MailboxStatusView };
}

/*
 * WIRE-LEVEL NAMES: events mail-ingress publishes to `helpdesk.events`. `mail.received` is the
 * processing job of an accepted message; mail-ingress consumes it itself (queue `mail-ingress.inbound`).
 */
export const MailIngressEvents = {
  Received: 'mail.received',
  /** A mailbox began failing (at most hourly while it fails), or works again; notifications mails the admins. */
  MailboxAlert: 'mailbox.alert',
} as const;
export type MailIngressEventName = (typeof MailIngressEvents)[keyof typeof MailIngressEvents];

/** WIRE-LEVEL PATH of mail-ingress's internal HTTP port: GET `/raw/<id>` with a grant, the message/rfc822 source. */
export const MAIL_INGRESS_RAW_PATH = '/raw';
