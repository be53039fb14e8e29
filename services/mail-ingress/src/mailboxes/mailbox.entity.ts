import { MailboxAfterImport, MailboxState } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** An IMAP mailbox a department's mail is fetched from, and where fetching stands. */
@Entity({ name: 'mailboxes' })
export class Mailbox {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('integer')
  departmentId: number;

  /** Lower case, as every address compared to it. */
  @Column('text')
  address: string;

  @Column('text', { array: true })
  aliases: string[];

  @Column('text')
  host: string;

  @Column('integer')
  port: number;

  @Column('boolean')
  tls: boolean;

  @Column('text')
  username: string;

  /** The password sealed with MAILBOX_SECRET_KEY (SecretBox); never leaves the service. */
  @Column('text')
  passwordSealed: string;

  @Column('text')
  folder: string;

  @Column('text')
  afterImport: MailboxAfterImport;

  /** Mail received on the server before this is never taken. */
  @Column('timestamptz')
  importSince: Date;

  @Column('boolean')
  paused: boolean;

  /** The folder's UIDVALIDITY when lastUid was taken; a change starts again from importSince. */
  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  uidValidity: number | null;

  /** Every message up to this UID is taken (or older than importSince). */
  @Column('bigint', { transformer: bigintAsNumber })
  lastUid: number;

  @Column('text')
  state: MailboxState;

  @Column('timestamptz', { nullable: true })
  lastMessageAt: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  lastErrorAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastCheckedAt: Date | null;

  @Column('integer')
  backlog: number;

  @Column('bigint', { transformer: bigintAsNumber })
  imported: number;

  /** Since when it fails without a success in between; null while it works. */
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;

  /** When admins were last told it fails: at most hourly. */
  @Column('timestamptz', { nullable: true })
  alertedAt: Date | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
