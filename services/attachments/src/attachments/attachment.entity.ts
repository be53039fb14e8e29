import { PrincipalKind } from '@helpdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum AttachmentStatus {
  /** The object is being written (or a write failed and awaits the sweep); never shown. */
  Pending = 'pending',
  Stored = 'stored',
}

/** A file's metadata; its bytes are the S3 object `objectKey`. */
@Entity({ name: 'attachments' })
export class Attachment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column('text')
  ownerKind: PrincipalKind;

  @Column('integer')
  ownerId: number;

  @Column('text')
  filename: string;

  @Column('text')
  contentType: string;

  @Column('bigint', { nullable: true })
  size: number | null;

  @Column('char', { length: 64, nullable: true })
  sha256: string | null;

  @Column('text')
  objectKey: string;

  @Column('text')
  status: AttachmentStatus;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  claimedAt: Date | null;

  @Column('bigint', { nullable: true })
  ticketId: number | null;

  @Column('bigint', { nullable: true })
  messageId: number | null;

  @Column('timestamptz', { nullable: true })
  linkedAt: Date | null;
}
