import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A file on a message (the attachments service holds the bytes); each attachment on one message only. */
@Entity({ name: 'message_attachments' })
export class MessageAttachment {
  @PrimaryColumn('bigint')
  attachmentId: number;

  @Column('bigint')
  messageId: number;

  @Column('text')
  filename: string;

  @Column('bigint')
  size: number;

  @Column('text')
  contentType: string;
}
