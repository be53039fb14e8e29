import { Injectable } from '@nestjs/common';
import { MentionView } from '@helpdesk/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';

import { Mention, Participant } from './participant.entity';

/** Reads and writes of participants and mentions; each takes the transaction's manager where it has one. */
@Injectable()
export class ParticipantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  current(ticketId: number, manager: EntityManager = this.dataSource.manager): Promise<Participant[]> {
    return manager.getRepository(Participant).find({
      where: { ticketId, removedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  currentCc(ticketId: number, email: string, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Participant).findOneBy({ ticketId, kind: 'cc', email, removedAt: IsNull() });
  }

  currentFollower(ticketId: number, staffId: number, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Participant).findOneBy({ ticketId, kind: 'follower', staffId, removedAt: IsNull() });
  }

  insert(manager: EntityManager, participant: Omit<Participant, 'id'>): Promise<Participant> {
    return manager.getRepository(Participant).save(manager.getRepository(Participant).create(participant));
  }

  async remove(manager: EntityManager, id: number, at: Date): Promise<void> {
    await manager.getRepository(Participant).update({ id }, { removedAt: at });
  }

  async insertMentions(manager: EntityManager, mentions: Omit<Mention, 'id'>[]): Promise<void> {
    if (mentions.length > 0) {
      await manager.getRepository(Mention).insert(mentions);
    }
  }

  /**
   * The latest mentions of a staff member, in tickets of `departmentIds` (undefined: every
   * department), newest first.
   */
  async mentionsOf(staffId: number, departmentIds: number[] | undefined, limit: number): Promise<MentionView[]> {
    const rows: { ticket_id: string; subject: string; message_id: string; by_name: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT m."ticket_id", t."subject", m."message_id", m."by_name", m."created_at"
           FROM "tickets"."mentions" m
           JOIN "tickets"."tickets" t ON t."id" = m."ticket_id"
          WHERE m."staff_id" = $1 AND ($2::int[] IS NULL OR t."department_id" = ANY($2::int[]))
          ORDER BY m."created_at" DESC, m."id" DESC
          LIMIT $3`,
        [staffId, departmentIds ?? null, limit],
      );
    return rows.map((row) => ({
      ticketId: Number(row.ticket_id),
      subject: row.subject,
      messageId: Number(row.message_id),
      byName: row.by_name,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
