import { DepartmentView, HistoryAction, TicketEvents, TicketPriority, TicketStatus } from '@helpdesk/contracts';

import { Ticket } from '../tickets/ticket.entity';
import { closedAtAfter } from '../tickets/ticket-lifecycle';
import { fieldChanged, Happening, statusChanged } from './ticket-happenings';

/** A staff change, checked against the directory before its transaction (TicketChangeChecks). */
export interface ChangePlan {
  /** The ticket as the checks saw it: the write refuses if it was moved or reassigned meanwhile. */
  seen: Pick<Ticket, 'departmentId' | 'assigneeId'>;
  status?: TicketStatus;
  priority?: TicketPriority;
  /** Set when the ticket moves to another department. */
  targetDepartment?: DepartmentView;
  /** The assignee after the change (unchanged, new, or none when the old one cannot follow a move). */
  assignee: { id: number | null; name: string };
}

/** Applies the plan to the locked ticket; what changed, in the order history lists it. */
export function applyChanges(ticket: Ticket, plan: ChangePlan, now: Date): Happening[] {
  const happenings: Happening[] = [];
  if (plan.status !== undefined && plan.status !== ticket.status) {
    happenings.push(statusChanged(ticket.status, plan.status, true));
    ticket.status = plan.status;
    ticket.closedAt = closedAtAfter(plan.status, ticket.closedAt, now);
  }
  if (plan.priority !== undefined && plan.priority !== ticket.priority) {
    happenings.push(
      fieldChanged({
        action: HistoryAction.PriorityChanged,
        event: TicketEvents.PriorityChanged,
        field: 'priority',
        from: ticket.priority,
        to: plan.priority,
      }),
    );
    ticket.priority = plan.priority;
  }
  const departmentId = plan.targetDepartment?.id ?? ticket.departmentId;
  if (departmentId !== ticket.departmentId) {
    happenings.push(
      fieldChanged({
        action: HistoryAction.DepartmentChanged,
        event: TicketEvents.DepartmentChanged,
        field: 'departmentId',
        from: ticket.departmentId,
        to: departmentId,
      }),
    );
    ticket.departmentId = departmentId;
  }
  if (plan.assignee.id !== ticket.assigneeId) {
    happenings.push(
      fieldChanged({
        action: HistoryAction.Assigned,
        event: TicketEvents.Assigned,
        field: 'assignee',
        from: ticket.assigneeId,
        to: plan.assignee.id,
      }),
    );
    ticket.assigneeId = plan.assignee.id;
    ticket.assigneeName = plan.assignee.name;
  }
  if (happenings.length > 0) {
    ticket.lastActivityAt = now;
  }
  return happenings;
}
