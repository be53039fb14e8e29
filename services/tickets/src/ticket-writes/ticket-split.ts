import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  isStaff,
  Principal,
  PrincipalKind,
  SplitTicketBody,
  TicketLinkType,
  TicketStatus,
} from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { insertLink } from '../links/ticket-links.service';
import { Message } from '../tickets/message.entity';
import { canWorkInDepartment, visibleOrNotFound } from '../tickets/ticket-access';
import { opened, splitFrom, splitOut } from './ticket-happenings';
import { notMerged } from './ticket-merge';
import { TicketTransactions, TicketWriter } from './ticket-writer';

const T = '"tickets"';

/** Staff move client messages of `ticketId` to a new ticket (TicketWrites' `split` command). */
export interface SplitTicket extends SplitTicketBody {
  kind: 'split';
  principal: Principal;
  ticketId: number;
}

/**
 * Splits a ticket: the chosen client messages (with their files, which follow their message) move
 * to a new ticket of the same client, written to the same address, opened now and announced as
 * any new ticket is (the client learns its number); the two are linked split_to/split_from. Notes, staff replies, another
 * ticket's messages and the whole conversation cannot be split out (422).
 */
@Injectable()
export class TicketSplits {
  constructor(
    private readonly transactions: TicketTransactions,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async split(command: SplitTicket): Promise<number> {
    const { principal, ticketId, messageIds } = command;
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may split a ticket.');
    }
    const department =
      command.departmentId === undefined
        ? null
        : await this.directory.activeDepartment(principal, command.departmentId);
    if (department && !canWorkInDepartment(principal, department.id)) {
      throw new DomainError(ErrorCode.AccessDenied, `You do not work in department "${department.name}".`);
    }
    return this.transactions.run(async (writer) => {
      const locked = await writer.lockTicketInDepartment(ticketId);
      const original = notMerged(visibleOrNotFound(principal, ticketId, locked?.ticket ?? null));
      const moving = await this.splittable(writer, ticketId, messageIds);
      const at = this.clock.now();
      if (department) {
        await writer.rememberDepartment(department);
      }
      const created = await writer.insertTicket({
        subject: command.subject ?? original.subject,
        clientId: original.clientId,
        clientName: original.clientName,
        departmentId: department?.id ?? original.departmentId,
        status: TicketStatus.Open,
        priority: original.priority,
        assigneeId: null,
        assigneeName: '',
        createdAt: at,
        lastActivityAt: at,
        closedAt: null,
        requesterVerified: original.requesterVerified,
        mergedIntoId: null,
        mergedAt: null,
        writtenTo: original.writtenTo,
      });
      const newId = Number(created.id);
      await writer.manager.query(`UPDATE ${T}."messages" SET "ticket_id" = $1 WHERE "id" = ANY($2::bigint[])`, [
        newId,
        messageIds,
      ]);
      await writer.indexForSearch(newId, [created.subject, ...moving.map((message) => message.body)].join('\n'));
      await insertLink(writer.manager, principal, ticketId, newId, TicketLinkType.SplitTo);
      original.lastActivityAt = at;
      await writer.updateTicket(original);
      const by = { principal, at };
      const newDepartmentName = department?.name ?? locked?.departmentName ?? '';
      await writer.recordAll(
        [
          { ticket: original, departmentName: locked?.departmentName ?? '', happenings: [splitOut(newId, messageIds)] },
          {
            ticket: created,
            departmentName: newDepartmentName,
            happenings: [opened({ ...moving[0], ticketId: newId }, []), splitFrom(ticketId, messageIds)],
          },
        ],
        by,
      );
      return newId;
    });
  }

  /** The messages to move, oldest first, once every rule allows it. */
  private async splittable(writer: TicketWriter, ticketId: number, messageIds: number[]): Promise<Message[]> {
    const found = await writer.manager.getRepository(Message).find({
      where: messageIds.map((id) => ({ id })),
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const refuse = (why: string) => new DomainError(ErrorCode.SplitNotAllowed, why);
    const foreign = messageIds.find((id) => !found.some((m) => Number(m.id) === id && Number(m.ticketId) === ticketId));
    if (foreign !== undefined) {
      throw refuse(`Message #${foreign} is not on ticket #${ticketId}.`);
    }
    const notClient = found.find((message) => message.internal || message.authorKind !== PrincipalKind.Client);
    if (notClient) {
      throw refuse(
        `Message #${notClient.id} is ${notClient.internal ? 'an internal note' : 'a staff message'}: only client messages can be split out.`,
      );
    }
    const [{ count }] = await writer.manager.query<{ count: string }[]>(
      `SELECT count(*) AS "count" FROM ${T}."messages" WHERE "ticket_id" = $1`,
      [ticketId],
    );
    if (Number(count) <= found.length) {
      throw refuse(`Those are all of ticket #${ticketId}'s messages: change its subject or department instead.`);
    }
    return found;
  }
}
