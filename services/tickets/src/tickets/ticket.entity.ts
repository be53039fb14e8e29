import { TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Narrow on purpose: the list reads these rows; message bodies live in `messages`. */
@Entity({ name: 'tickets' })
export class Ticket {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('text')
  subject: string;

  @Column('integer')
  clientId: number;

  @Column('text')
  clientName: string;

  @Column('integer')
  departmentId: number;

  @Column({ type: 'enum', enum: TicketStatus, enumName: 'ticket_status' })
  status: TicketStatus;

  @Column({ type: 'enum', enum: TicketPriority, enumName: 'ticket_priority' })
  priority: TicketPriority;

  @Column('integer', { nullable: true })
  assigneeId: number | null;

  /** '' when unassigned, so the assignee sort needs no NULL handling. */
  @Column('text')
  assigneeName: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  lastActivityAt: Date;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  /** Not a column: clients on the ticket as current CCs, loaded with it (participants/). */
  ccClientIds?: number[];
  /** False for a ticket opened from an unverified mail until staff verify its requester: they get no mail. */
  @Column('boolean')
  requesterVerified: boolean;

  /** The ticket this one was merged into: it is closed and takes no more replies or changes. */
  @Column('bigint', { nullable: true })
  mergedIntoId: number | null;

  @Column('timestamptz', { nullable: true })
  mergedAt: Date | null;

  /** What an unmerge (within UNMERGE_WINDOW of mergedAt) sets the status back to. */
  @Column({ type: 'enum', enum: TicketStatus, enumName: 'ticket_status', nullable: true })
  statusBeforeMerge?: TicketStatus | null;

  /** The support address (a mailbox address or alias) it was written to by email: its mails go out From it. */
  @Column('text', { nullable: true })
  writtenTo: string | null;
}
