import {
  DroppedAttachment,
  InboundMailReason,
  InboundMailRoute,
  InboundMailState,
  PrincipalKind,
  SenderVerdict,
} from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { NoteReason } from '../mail/mail-types';

/** bigint columns as numbers: ids stay far below 2^53. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One inbound message for one target: its envelope, its route, and what became of it. */
@Entity({ name: 'inbound_messages' })
export class InboundMail {
  /** A bigint: read as a string; use Number(). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('timestamptz')
  receivedAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('text', { nullable: true })
  remoteAddress: string | null;

  @Column('text')
  envelopeFrom: string;

  @Column('text', { array: true })
  envelopeTo: string[];

  @Column('text', { nullable: true })
  headerFrom: string | null;

  /** The From header's display name: the name of a client created from the mail. */
  @Column('text', { nullable: true })
  headerFromName: string | null;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text', { nullable: true })
  messageId: string | null;

  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @Column('text')
  route: InboundMailRoute;

  @Column('text', { nullable: true })
  routeKey: string | null;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  ticketId: number | null;

  @Column('integer', { nullable: true })
  departmentId: number | null;

  @Column('text', { nullable: true })
  authorKind: PrincipalKind | null;

  @Column('integer', { nullable: true })
  authorId: number | null;

  /** Kept as an internal note, and why; null for a reply. */
  @Column('text', { nullable: true })
  noteReason: NoteReason | null;

  @Column('text', { nullable: true })
  noteFrom: string | null;

  /** Opens a new ticket whose requester is unverified (UNVERIFIED_SENDER_POLICY=new_ticket), whatever the route. */
  @Column('boolean')
  unverifiedRequester: boolean;

  /** The mailbox it was fetched from over IMAP; null for mail received over SMTP. */
  @Column('integer', { nullable: true })
  mailboxId: number | null;

  /** The mailbox address (or alias) it was written to: a ticket it opens answers from that address. */
  @Column('text', { nullable: true })
  writtenTo: string | null;

  /** Fetched from a mailbox, but on its server from before the mailbox was added: no acknowledgement. */
  @Column('boolean')
  backlog: boolean;

  @Column('text', { nullable: true })
  rawKey: string | null;

  @Column('bigint', { transformer: bigintAsNumber })
  size: number;

  @Column('text', { nullable: true })
  sha256: string | null;

  /** Null for a refusal at RCPT, before the message was sent. */
  @Column('jsonb', { nullable: true })
  senderVerdict: SenderVerdict | null;

  @Column('text')
  state: InboundMailState;

  @Column('text', { nullable: true })
  reason: InboundMailReason | null;

  @Column('text', { nullable: true })
  detail: string | null;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  addedMessageId: number | null;

  @Column('bigint', {
    array: true,
    nullable: true,
    transformer: {
      to: (value: number[] | null | undefined) => value,
      from: (value: string[] | null) => (value === null ? null : value.map(Number)),
    },
  })
  attachmentIds: number[] | null;

  @Column('jsonb')
  droppedAttachments: DroppedAttachment[];

  @Column('integer')
  attempts: number;

  @Column('timestamptz', { nullable: true })
  leaseUntil: Date | null;
}
