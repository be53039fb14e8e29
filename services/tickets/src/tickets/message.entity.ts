import { MessageVia, PrincipalKind, SenderVerdict } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A reply or, when `internal`, a note only staff ever see. */
@Entity({ name: 'messages' })
export class Message {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('bigint')
  ticketId: number;

  @Column('text')
  authorKind: PrincipalKind;

  @Column('integer')
  authorId: number;

  @Column('text')
  authorName: string;

  @Column('text')
  body: string;

  @Column('boolean')
  internal: boolean;

  @Column('text')
  via: MessageVia;

  @Column('timestamptz')
  createdAt: Date;

  /** Idempotency key of a message that came by email (`mail-ingress:<inbound id>`); unique. */
  @Column('text', { nullable: true })
  externalId?: string | null;

  /** For a message that came by email: what sender authentication said of its mail. Staff only. */
  @Column('jsonb', { nullable: true })
  senderVerdict?: SenderVerdict | null;

  /** A message that came with a merged ticket: the ticket it was written on. */
  @Column('bigint', { nullable: true })
  mergedFromTicketId?: number | null;
}
