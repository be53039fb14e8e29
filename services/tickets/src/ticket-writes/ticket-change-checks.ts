import { Injectable } from '@nestjs/common';
import { DepartmentView, DomainError, ErrorCode, isStaff, Principal, UpdateTicketBody } from '@helpdesk/contracts';

import { Directory } from '../directory/directory';
import { Ticket } from '../tickets/ticket.entity';
import { canWorkInDepartment, visibleOrNotFound } from '../tickets/ticket-access';
import { assertSettableByHand } from '../tickets/ticket-lifecycle';
import { TicketsRepository } from '../tickets/tickets.repository';
import { ChangePlan } from './ticket-changes';

/** Checks a staff change against the ticket and the directory, before its transaction. */
@Injectable()
export class TicketChangeChecks {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly directory: Directory,
  ) {}

  async plan(principal: Principal, id: number, body: UpdateTicketBody): Promise<ChangePlan> {
    const current = visibleOrNotFound(principal, id, await this.tickets.findById(id));
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff may change a ticket.');
    }
    if (body.status !== undefined) {
      assertSettableByHand(body.status);
    }
    const targetDepartment = await this.checkDepartmentMove(principal, current, body.departmentId);
    const departmentId = targetDepartment?.id ?? current.departmentId;
    return {
      seen: { departmentId: current.departmentId, assigneeId: current.assigneeId },
      status: body.status,
      priority: body.priority,
      targetDepartment,
      assignee: await this.assigneeAfter(principal, current, departmentId, body.assigneeId),
    };
  }

  private async checkDepartmentMove(
    principal: Principal,
    ticket: Ticket,
    departmentId: number | undefined,
  ): Promise<DepartmentView | undefined> {
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

  /** The requested assignee once checked; else the current one, unless they cannot follow a move. */
  private async assigneeAfter(
    principal: Principal,
    ticket: Ticket,
    departmentId: number,
    requested: number | null | undefined,
  ): Promise<ChangePlan['assignee']> {
    if (requested === null) {
      return { id: null, name: '' };
    }
    if (requested !== undefined) {
      return { id: requested, name: await this.eligibleAssigneeName(principal, departmentId, requested) };
    }
    const stays =
      ticket.assigneeId === null ||
      departmentId === ticket.departmentId ||
      (await this.worksIn(principal, ticket.assigneeId, departmentId));
    return stays ? { id: ticket.assigneeId, name: ticket.assigneeName } : { id: null, name: '' };
  }

  /** The new assignee's name, after checking they are active staff of the department. */
  private async eligibleAssigneeName(principal: Principal, departmentId: number, assigneeId: number): Promise<string> {
    const staff = await this.directory.staffMember(principal, assigneeId).catch((error: DomainError) => {
      throw error.code === ErrorCode.StaffNotFound ? notEligible(assigneeId) : error;
    });
    if (!staff.active || !canWorkInDepartment({ ...staff, kind: principal.kind }, departmentId)) {
      throw notEligible(assigneeId);
    }
    return staff.name;
  }

  private async worksIn(principal: Principal, staffId: number, departmentId: number): Promise<boolean> {
    const staff = await this.directory.staffMember(principal, staffId).catch(() => null);
    return Boolean(staff?.active && canWorkInDepartment({ ...staff, kind: principal.kind }, departmentId));
  }
}

function notEligible(assigneeId: number): DomainError {
  return new DomainError(
    ErrorCode.AssigneeNotEligible,
    `assigneeId: staff member ${assigneeId} is not an active staff member of this ticket's department.`,
    { assigneeId },
  );
}
