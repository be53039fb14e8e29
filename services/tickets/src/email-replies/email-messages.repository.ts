import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ExistingEmailMessage {
  messageId: number;
  ticketId: number;
  departmentId: number;
  internal: boolean;
}

/** Messages by their email idempotency key (`messages.external_id`, unique). */
@Injectable()
export class EmailMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByExternalId(externalId: string): Promise<ExistingEmailMessage | null> {
    const [row]: { id: string; ticket_id: string; department_id: number; internal: boolean }[] =
      await this.dataSource.query(
        `SELECT m."id", m."ticket_id", t."department_id", m."internal"
           FROM "tickets"."messages" m JOIN "tickets"."tickets" t ON t."id" = m."ticket_id"
          WHERE m."external_id" = $1`,
        [externalId],
      );
    return row
      ? {
          messageId: Number(row.id),
          ticketId: Number(row.ticket_id),
          departmentId: row.department_id,
          internal: row.internal,
        }
      : null;
  }
}
