import { EmailKind, EmailState, PrincipalKind } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One mail to one recipient, recorded (pending) with the event's dedupe in one transaction and
 * sent by the relay: the log `GET /api/tickets/:id/emails` shows, and the relay's queue.
 */
@Entity({ name: 'outgoing_mails' })
export class OutgoingMail {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('uuid')
  eventId: string;

  @Column('text')
  eventName: string;

  @Column('text')
  kind: EmailKind;

  @Column('bigint')
  ticketId: number;

  /** The ticket's department when the mail was recorded; null on mails recorded before it was kept. */
  @Column('integer', { nullable: true })
  departmentId: number | null;

  @Column('text')
  recipientKind: PrincipalKind;

  @Column('integer')
  recipientId: number;

  @Column('text')
  recipientName: string;

  @Column('text')
  recipientEmail: string;

  @Column('text')
  subject: string;

  @Column('text')
  messageId: string;

  @Column('text', { nullable: true })
  inReplyTo: string | null;

  @Column('text', { array: true })
  referenceIds: string[];

  @Column('text')
  replyTo: string;

  /** The address it goes out From, under MAIL_FROM's name: the ticket's `writtenTo`; null: MAIL_FROM. */
  @Column('text', { nullable: true })
  fromAddress: string | null;

  /** Threading and auto-reply headers, fixed when the mail is recorded so a resend is identical. */
  @Column('jsonb')
  headers: Record<string, string>;

  @Column('text')
  textBody: string;

  @Column('text')
  htmlBody: string;

  @Column('text')
  state: EmailState;

  @Column('integer')
  attempts: number;

  /** While pending: when the relay may try (again); a claimed mail's lease ends then too. */
  @Column('timestamptz')
  nextAttemptAt: Date;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('text', { nullable: true })
  skipReason: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
