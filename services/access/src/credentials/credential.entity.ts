import { PrincipalKind } from '@helpdesk/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per email address of a staff member or client: makes addresses unique across both,
 * and holds the password hash (null for clients who work by email only) and the session version.
 */
@Entity({ name: 'credentials' })
export class Credential {
  /** Lower-cased. */
  @PrimaryColumn('text')
  email: string;

  @Column('text')
  kind: PrincipalKind;

  @Column('integer')
  subjectId: number;

  @Column('text', { nullable: true })
  passwordHash: string | null;

  /** Moved on by a password change, deactivation or role change: older tokens stop working. */
  @Column('integer', { default: 0 })
  sessionVersion: number;

  /** Null for a self-registered account whose mailed link was not opened yet: it cannot sign in. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt: Date | null;
}
