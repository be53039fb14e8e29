import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DepartmentRef } from '../directory/department-ref.entity';
import { HistoryEntry } from './history-entry.entity';
import { Message } from './message.entity';
import { withCcClients } from '../participants/cc-clients';
import { Ticket } from './ticket.entity';
import { buildTicketListQuery, TicketListRow } from './ticket-list.query';

/** Reads of tickets; every write goes through TicketWrites (ticket-writes/). */
@Injectable()
export class TicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** With its CCs' client ids, who may see it too. */
  async findById(id: number): Promise<Ticket | null> {
    const ticket = await this.dataSource.getRepository(Ticket).findOneBy({ id });
    return ticket && withCcClients(this.dataSource.manager, ticket);
  }

  async departmentName(id: number): Promise<string> {
    const department = await this.dataSource.getRepository(DepartmentRef).findOneBy({ id });
    return department?.name ?? '';
  }

  findMessages(ticketId: number, includeInternal: boolean): Promise<Message[]> {
    return this.dataSource.getRepository(Message).find({
      where: includeInternal ? { ticketId } : { ticketId, internal: false },
      // In time order: a merged ticket's messages came from others, with older ids among newer ones.
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findHistory(ticketId: number): Promise<HistoryEntry[]> {
    return this.dataSource.getRepository(HistoryEntry).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  list(query: Parameters<typeof buildTicketListQuery>): Promise<TicketListRow[]> {
    const { sql, params } = buildTicketListQuery(...query);
    return this.dataSource.query(sql, params);
  }
}
