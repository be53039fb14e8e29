import { HistoryAction, TicketEvents, TicketPriority, TicketStatus } from '@helpdesk/contracts';

import { Ticket } from '../tickets/ticket.entity';
import { applyChanges, ChangePlan } from './ticket-changes';

const now = new Date('2026-03-10T12:00:00Z');
const before = new Date('2026-03-01T12:00:00Z');
const makeTicket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: 42,
  subject: 'Invoice',
  clientId: 7,
  clientName: 'Casey',
  departmentId: 1,
  status: TicketStatus.Open,
  priority: TicketPriority.Medium,
  assigneeId: 5,
  assigneeName: 'Sam',
  createdAt: before,
  lastActivityAt: before,
  closedAt: null,
  requesterVerified: true,
  mergedIntoId: null,
  mergedAt: null,
  writtenTo: null,
  ...overrides,
});
const planFor = (ticket: Ticket, overrides: Partial<ChangePlan> = {}): ChangePlan => ({
  seen: { departmentId: ticket.departmentId, assigneeId: ticket.assigneeId },
  assignee: { id: ticket.assigneeId, name: ticket.assigneeName },
  ...overrides,
});

describe(applyChanges.name, () => {
  it('changes nothing, not even the last activity, when the plan matches the ticket', () => {
    const ticket = makeTicket();
    expect(applyChanges(ticket, planFor(ticket, { status: TicketStatus.Open }), now)).toEqual([]);
    expect(ticket.lastActivityAt).toBe(before);
  });

  it('describes each change once for history and event, in a fixed order', () => {
    const ticket = makeTicket();
    const plan = planFor(ticket, {
      assignee: { id: null, name: '' },
      priority: TicketPriority.High,
      status: TicketStatus.OnHold,
    });
    const happenings = applyChanges(ticket, plan, now);
    expect(happenings.map((happening) => [happening.action, happening.event])).toEqual([
      [HistoryAction.StatusChanged, TicketEvents.StatusChanged],
      [HistoryAction.PriorityChanged, TicketEvents.PriorityChanged],
      [HistoryAction.Assigned, TicketEvents.Assigned],
    ]);
    expect(happenings[2]).toEqual(
      expect.objectContaining({
        details: { assignee: { from: 5, to: null } },
        news: { changes: { assignee: { from: 5, to: null } } },
      }),
    );
    expect(ticket).toMatchObject({ assigneeId: null, assigneeName: '', lastActivityAt: now });
  });

  it('announces a close by hand as ticket.closed, with its reason, and keeps the first close time', () => {
    const ticket = makeTicket({ status: TicketStatus.InProgress });
    const [happening] = applyChanges(ticket, planFor(ticket, { status: TicketStatus.Closed }), now);
    expect(happening).toEqual({
      action: HistoryAction.StatusChanged,
      event: TicketEvents.Closed,
      details: { status: { from: TicketStatus.InProgress, to: TicketStatus.Closed } },
      news: { changes: { status: { from: TicketStatus.InProgress, to: TicketStatus.Closed } }, reason: 'manual' },
    });
    expect(ticket.closedAt).toBe(now);
  });

  it('moves the ticket to the target department', () => {
    const ticket = makeTicket();
    const plan = planFor(ticket, {
      targetDepartment: { id: 2, name: 'Billing' } as ChangePlan['targetDepartment'],
    });
    expect(applyChanges(ticket, plan, now).map((happening) => happening.details)).toEqual([
      { departmentId: { from: 1, to: 2 } },
    ]);
    expect(ticket.departmentId).toBe(2);
  });
});
