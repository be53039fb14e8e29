import { Inject, Injectable } from '@nestjs/common';
import { PRESENCE_GONE, PresenceState, PresenceView, Principal, TicketPresenceSummary } from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { Ticket } from '../tickets/ticket.entity';
import { visibleToStaffOrNotFound } from '../tickets/ticket-access';
import { TicketsRepository } from '../tickets/tickets.repository';
import { PRESENCE_OPTIONS, PresenceAnnouncer, PresenceOptions } from './presence-announcer';
import { PresenceRepository } from './presence.repository';

/**
 * Who has a ticket open: staff who see it send a heartbeat while its page is open. Clients are
 * answered as if the ticket did not exist. Only changes are announced, not every heartbeat.
 */
@Injectable()
export class PresenceService {
  constructor(
    @Inject(PRESENCE_OPTIONS) private readonly options: PresenceOptions,
    private readonly tickets: TicketsRepository,
    private readonly presence: PresenceRepository,
    private readonly announcer: PresenceAnnouncer,
    private readonly clock: Clock,
  ) {}

  /** Answers everyone on the ticket after the heartbeat, so the page needs no second request. */
  async beat(principal: Principal, ticketId: number, state: PresenceState): Promise<PresenceView[]> {
    const ticket = await this.visibleToStaff(principal, ticketId);
    const at = this.clock.now();
    const staff = { id: principal.id, name: principal.name };
    const expiresAt = new Date(at.getTime() + this.options.ttlMs);
    const previous = await this.presence.beat({ ticketId, staff, state, at, expiresAt });
    if (previous !== state) {
      this.announcer.announce({ ticketId, departmentId: ticket.departmentId, staff, state });
    }
    return this.presence.ofTicket(ticketId, at);
  }

  async end(principal: Principal, ticketId: number): Promise<{ removed: true }> {
    const ticket = await this.visibleToStaff(principal, ticketId);
    if (await this.presence.end(ticketId, principal.id, this.clock.now())) {
      const staff = { id: principal.id, name: principal.name };
      this.announcer.announce({ ticketId, departmentId: ticket.departmentId, staff, state: PRESENCE_GONE });
    }
    return { removed: true };
  }

  async list(principal: Principal, ticketId: number): Promise<PresenceView[]> {
    await this.visibleToStaff(principal, ticketId);
    return this.presence.ofTicket(ticketId, this.clock.now());
  }

  /** For a page of the staff list, whose tickets the caller already may see. */
  ofTickets(ticketIds: number[]): Promise<Map<number, TicketPresenceSummary[]>> {
    return this.presence.ofTickets(ticketIds, this.clock.now());
  }

  private async visibleToStaff(principal: Principal, ticketId: number): Promise<Ticket> {
    return visibleToStaffOrNotFound(principal, ticketId, await this.tickets.findById(ticketId));
  }
}
