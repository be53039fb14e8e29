import { HistoryAction, PrincipalKind } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'history' })
export class HistoryEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('bigint')
  ticketId: number;

  @Column('text')
  actorKind: PrincipalKind | 'system';

  @Column('integer', { nullable: true })
  actorId: number | null;

  @Column('text')
  actorName: string;

  @Column('text')
  action: HistoryAction;

  @Column('jsonb')
  details: Record<string, unknown>;

  @Column('timestamptz')
  createdAt: Date;
}
