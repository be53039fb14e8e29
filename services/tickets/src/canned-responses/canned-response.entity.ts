import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'canned_responses' })
export class CannedResponse {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  /** null: usable in every department. */
  @Column('integer', { nullable: true })
  departmentId: number | null;

  @Column('integer')
  createdBy: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
