import { ReplyToClosedPolicy } from '@helpdesk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'departments' })
export class Department {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('text')
  name: string;

  @Column('boolean', { default: true })
  active: boolean;

  /** null: the tickets service's AUTO_CLOSE_AFTER applies; 0: never auto-close. */
  @Column('integer', { nullable: true })
  autoCloseDays: number | null;

  /** The department's own address, lower case (unique): mail to it opens tickets here. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { default: ReplyToClosedPolicy.Reopen })
  replyToClosedPolicy: ReplyToClosedPolicy;

  @Column('integer', { nullable: true })
  reopenWithinDays: number | null;

  /** A ticket's client may add CCs to the department's tickets. */
  @Column('boolean', { default: false })
  clientsMayAddCc: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
