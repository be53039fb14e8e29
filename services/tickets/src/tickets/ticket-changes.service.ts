import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  HistoryAction,
  isStaff,
  Principal,
  TicketEventName,
  TicketEvents,
  TicketStatus,
  TicketView,
  UpdateTicketBody,
} from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { canSeeTicket, canWorkInDepartment } from './ticket-access';
import { assertSettableByHand, closedAtAfter } from './ticket-lifecycle';
import { toTicketFacts } from './ticket.mapper';
import { Ticket } from './ticket.entity';
import { TicketsRepository, TicketWriter } from './tickets.repository';
import { actorOf, TicketsService, ticketNotFound } from './tickets.service';

interface Change {
  action: HistoryAction;
  event: TicketEventName;
  field: string;
  from: unknown;
  to: unknown;
}

/** Staff changes to a ticket's status, priority, assignee and department. */
@Injectable()
export class TicketChangesService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly ticketsService: TicketsService,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async update(principal: Principal, id: number, body: UpdateTicketBody): Promise<TicketView> {
    const current = await this.ticketsService.findVisible(principal, id);
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may change a ticket.');
    }
    if (body.status !== undefined) {
      assertSettableByHand(body.status);
    }
    const targetDepartment = await this.checkDepartmentMove(principal, current, body.departmentId);
    const departmentId = targetDepartment?.id ?? current.departmentId;
    const assigneeName = await this.checkAssignee(principal, departmentId, body.assigneeId);
    const keepAssignee = await this.assigneeStaysEligible(principal, current, departmentId, body.assigneeId);

    await this.tickets.write(async (writer) => {
      const ticket = await writer.lockTicket(id);
      if (!ticket || !canSeeTicket(principal, ticket)) {
        throw ticketNotFound(id);
      }
      if (ticket.departmentId !== current.departmentId || ticket.assigneeId !== current.assigneeId) {
        throw new DomainError(
          ErrorCode.TicketChanged,
          `Ticket #${id} was changed by someone else meanwhile; reload it and try again.`,
        );
      }
      if (targetDepartment) {
        await writer.rememberDepartment(targetDepartment);
      }
      const changes = this.applyChanges(ticket, body, departmentId, keepAssignee ? undefined : null, assigneeName);
      if (changes.length > 0) {
        await this.record(writer, principal, ticket, changes);
      }
    });
    return this.ticketsService.get(principal, id);
  }

  private async checkDepartmentMove(principal: Principal, ticket: Ticket, departmentId: number | undefined) {
    if (departmentId === undefined || departmentId === ticket.departmentId) {
      return undefined;
    }
    if (!canWorkInDepartment(principal, departmentId)) {
      throw new DomainError(
        ErrorCode.AccessDenied,
        'departmentId: you may only move tickets to departments you work in.',
      );
    }
    return this.directory.activeDepartment(principal, departmentId);
  }

  /** The new assignee's name, after checking they are active staff of the department. */
  private async checkAssignee(principal: Principal, departmentId: number, assigneeId: number | null | undefined) {
    if (assigneeId === undefined || assigneeId === null) {
      return '';
    }
    const staff = await this.directory.staffMember(principal, assigneeId).catch((error: DomainError) => {
      throw error.code === ErrorCode.StaffNotFound ? notEligible(assigneeId) : error;
    });
    if (!staff.active || !canWorkInDepartment({ ...staff, kind: principal.kind }, departmentId)) {
      throw notEligible(assigneeId);
    }
    return staff.name;
  }

  /** A ticket moved to another department keeps its assignee only if they work there too. */
  private async assigneeStaysEligible(
    principal: Principal,
    ticket: Ticket,
    departmentId: number,
    requestedAssignee: number | null | undefined,
  ): Promise<boolean> {
    if (requestedAssignee !== undefined || ticket.assigneeId === null || departmentId === ticket.departmentId) {
      return true;
    }
    const staff = await this.directory.staffMember(principal, ticket.assigneeId).catch(() => null);
    return Boolean(staff?.active && canWorkInDepartment({ ...staff, kind: principal.kind }, departmentId));
  }

  private applyChanges(
    ticket: Ticket,
    body: UpdateTicketBody,
    departmentId: number,
    forcedAssignee: null | undefined,
    assigneeName: string,
  ): Change[] {
    const changes: Change[] = [];
    const now = this.clock.now();
    if (body.status !== undefined && body.status !== ticket.status) {
      const event = body.status === TicketStatus.Closed ? TicketEvents.Closed : TicketEvents.StatusChanged;
      changes.push({
        action: HistoryAction.StatusChanged,
        event,
        field: 'status',
        from: ticket.status,
        to: body.status,
      });
      ticket.status = body.status;
      ticket.closedAt = closedAtAfter(body.status, ticket.closedAt, now);
    }
    if (body.priority !== undefined && body.priority !== ticket.priority) {
      changes.push({
        action: HistoryAction.PriorityChanged,
        event: TicketEvents.PriorityChanged,
        field: 'priority',
        from: ticket.priority,
        to: body.priority,
      });
      ticket.priority = body.priority;
    }
    if (departmentId !== ticket.departmentId) {
      changes.push({
        action: HistoryAction.DepartmentChanged,
        event: TicketEvents.DepartmentChanged,
        field: 'departmentId',
        from: ticket.departmentId,
        to: departmentId,
      });
      ticket.departmentId = departmentId;
    }
    const assigneeId =
      body.assigneeId !== undefined ? body.assigneeId : forcedAssignee === null ? null : ticket.assigneeId;
    if (assigneeId !== ticket.assigneeId) {
      changes.push({
        action: HistoryAction.Assigned,
        event: TicketEvents.Assigned,
        field: 'assignee',
        from: ticket.assigneeId,
        to: assigneeId,
      });
      ticket.assigneeId = assigneeId;
      ticket.assigneeName = assigneeId === null ? '' : assigneeName;
    }
    if (changes.length > 0) {
      ticket.lastActivityAt = now;
    }
    return changes;
  }

  private async record(writer: TicketWriter, principal: Principal, ticket: Ticket, changes: Change[]): Promise<void> {
    await writer.saveTicket(ticket);
    const facts = toTicketFacts(ticket, await writer.departmentName(ticket.departmentId));
    const now = ticket.lastActivityAt;
    await writer.addHistory(
      changes.map((change) =>
        this.ticketsService.historyEntry(
          principal,
          ticket.id,
          change.action,
          { [change.field]: { from: change.from, to: change.to } },
          now,
        ),
      ),
    );
    for (const change of changes) {
      writer.addEvent(change.event, {
        ticket: facts,
        actor: actorOf(principal),
        changes: { [change.field]: { from: change.from, to: change.to } },
        ...(change.event === TicketEvents.Closed ? { reason: 'manual' } : {}),
      });
    }
  }
}

function notEligible(assigneeId: number): DomainError {
  return new DomainError(
    ErrorCode.AssigneeNotEligible,
    `assigneeId: staff member ${assigneeId} is not an active staff member of this ticket's department.`,
    { assigneeId },
  );
}
