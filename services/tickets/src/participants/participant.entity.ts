import { ParticipantVia } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ParticipantKind = 'cc' | 'follower';

/** A CC or follower of a ticket; `removedAt` set once removed (the row stays as the record). */
@Entity({ name: 'participants' })
export class Participant {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('bigint')
  ticketId: number;

  @Column('text')
  kind: ParticipantKind;

  /** CCs: the address, lower case. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text')
  name: string;

  /** CCs: the client account behind the address. */
  @Column('integer', { nullable: true })
  clientId: number | null;

  @Column('integer', { nullable: true })
  staffId: number | null;

  @Column('text')
  addedByKind: string;

  @Column('integer', { nullable: true })
  addedById: number | null;

  @Column('text')
  addedByName: string;

  @Column('text')
  addedVia: ParticipantVia;

  @Column('timestamptz')
  addedAt: Date;

  @Column('timestamptz', { nullable: true })
  removedAt: Date | null;
}

/** A staff member @mentioned in a note. */
@Entity({ name: 'mentions' })
export class Mention {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('bigint')
  ticketId: number;

  @Column('bigint')
  messageId: number;

  @Column('integer')
  staffId: number;

  @Column('text')
  byName: string;

  @Column('timestamptz')
  createdAt: Date;
}
