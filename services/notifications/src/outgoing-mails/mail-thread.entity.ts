import { PrincipalKind } from '@helpdesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One recipient's thread of one ticket: which Message-IDs the next mail answers and references. */
@Entity({ name: 'mail_threads' })
export class MailThread {
  @PrimaryColumn('bigint')
  ticketId: number;

  @PrimaryColumn('text')
  recipientKind: PrincipalKind;

  @PrimaryColumn('integer')
  recipientId: number;

  @Column('text')
  rootMessageId: string;

  @Column('text', { array: true })
  recentMessageIds: string[];

  @Column('integer')
  mailCount: number;

  @Column('timestamptz')
  startedAt: Date;
}
