import { Injectable } from '@nestjs/common';
import {
  AttachmentAccess,
  AttachmentLink,
  AttachmentPatterns,
  AttachmentView,
  DomainError,
  ErrorCode,
  Principal,
} from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';
import { AttachmentsClient } from '@helpdesk/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { canSeeMessage } from '../tickets/ticket-access';
import { MessageAttachment } from './message-attachment.entity';

interface AccessRow {
  internal: boolean;
  department_id: number;
  client_id: number;
  cc_client_ids: number[];
}

/**
 * The files of messages: vouched for by the attachments service before a message takes them,
 * linked in the message's own transaction; attachments asks here whether a principal may see
 * the message a file is on (the whole download rule: attachments' attachment-access.ts).
 */
@Injectable()
export class MessageAttachments {
  constructor(
    private readonly attachments: AttachmentsClient,
    private readonly dataSource: DataSource,
  ) {}

  /** Asks attachments whether the principal may put these uploads on a message (before the transaction). */
  async claim(principal: Principal, attachmentIds: number[] | undefined): Promise<AttachmentView[]> {
    if (!attachmentIds?.length) {
      return [];
    }
    return this.attachments.send(AttachmentPatterns.Claim, { principal, attachmentIds });
  }

  /** Inside the message's transaction: a second link of an attachment fails, and with it the message. */
  async link(manager: EntityManager, messageId: number, attachments: AttachmentView[]): Promise<void> {
    if (attachments.length === 0) {
      return;
    }
    try {
      await manager.getRepository(MessageAttachment).insert(
        attachments.map((attachment) => ({
          attachmentId: attachment.id,
          messageId,
          filename: attachment.filename,
          size: attachment.size,
          contentType: attachment.contentType,
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.AttachmentAlreadyLinked,
          'attachmentIds: an attachment is already on another message; upload the file again to attach it twice.',
          { attachmentIds: attachments.map((attachment) => attachment.id) },
        );
      }
      throw error;
    }
  }

  /** The files of each message of a ticket, in upload order. */
  async ofTicket(ticketId: number): Promise<Map<number, AttachmentView[]>> {
    const rows: { attachment_id: string; message_id: string; filename: string; size: string; content_type: string }[] =
      await this.dataSource.query(
        `SELECT a."attachment_id", a."message_id", a."filename", a."size", a."content_type"
           FROM "tickets"."message_attachments" a
           JOIN "tickets"."messages" m ON m."id" = a."message_id"
          WHERE m."ticket_id" = $1
          ORDER BY a."attachment_id"`,
        [ticketId],
      );
    const byMessage = new Map<number, AttachmentView[]>();
    for (const row of rows) {
      const list = byMessage.get(Number(row.message_id)) ?? [];
      list.push({
        id: Number(row.attachment_id),
        filename: row.filename,
        size: Number(row.size),
        contentType: row.content_type,
      });
      byMessage.set(Number(row.message_id), list);
    }
    return byMessage;
  }

  /** Whether the attachment is on a message the principal may see: the tickets half of attachment-access.ts. */
  async access(principal: Principal, attachmentId: number): Promise<AttachmentAccess> {
    const [row]: AccessRow[] = await this.dataSource.query(
      `SELECT m."internal", t."department_id", t."client_id",
              ARRAY(SELECT p."client_id" FROM "tickets"."participants" p
                     WHERE p."ticket_id" = t."id" AND p."kind" = 'cc' AND p."removed_at" IS NULL) AS "cc_client_ids"
         FROM "tickets"."message_attachments" a
         JOIN "tickets"."messages" m ON m."id" = a."message_id"
         JOIN "tickets"."tickets" t ON t."id" = m."ticket_id"
        WHERE a."attachment_id" = $1`,
      [attachmentId],
    );
    if (!row) {
      return { linked: false, visible: false };
    }
    const ticket = { departmentId: row.department_id, clientId: row.client_id, ccClientIds: row.cc_client_ids };
    return { linked: true, visible: canSeeMessage(principal, ticket, row.internal) };
  }

  async linksOf(attachmentIds: number[]): Promise<AttachmentLink[]> {
    const rows: { attachment_id: string; message_id: string; ticket_id: string }[] = await this.dataSource.query(
      `SELECT a."attachment_id", a."message_id", m."ticket_id"
         FROM "tickets"."message_attachments" a
         JOIN "tickets"."messages" m ON m."id" = a."message_id"
        WHERE a."attachment_id" = ANY($1)`,
      [attachmentIds],
    );
    return rows.map((row) => ({
      attachmentId: Number(row.attachment_id),
      messageId: Number(row.message_id),
      ticketId: Number(row.ticket_id),
    }));
  }
}
