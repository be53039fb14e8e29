import { DomainError, ErrorCode, isAdmin, isClient, isStaff, Principal } from '@helpdesk/contracts';

/** What deciding who sees a ticket needs; `ccClientIds`: clients on it as current CCs. */
export interface TicketScope {
  departmentId: number;
  clientId: number;
  ccClientIds?: readonly number[];
}

/**
 * Admins see every ticket, staff those of their departments, clients their own and those they
 * are a CC of. Everything else is answered exactly like a ticket that does not exist.
 */
export function canSeeTicket(principal: Principal, ticket: TicketScope): boolean {
  if (isAdmin(principal)) {
    return true;
  }
  if (isClient(principal)) {
    return ticket.clientId === principal.id || (ticket.ccClientIds?.includes(principal.id) ?? false);
  }
  return principal.departmentIds.includes(ticket.departmentId);
}

/** A message is seen by those who see its ticket, an internal note by staff only (and its files with it). */
export function canSeeMessage(principal: Principal, ticket: TicketScope, internal: boolean): boolean {
  return canSeeTicket(principal, ticket) && (!internal || isStaff(principal));
}

/** `ticket` when the principal may see it; anything else answers exactly as if it did not exist. */
export function visibleOrNotFound<T extends TicketScope>(principal: Principal, id: number, ticket: T | null): T {
  if (!ticket || !canSeeTicket(principal, ticket)) {
    throw new DomainError(ErrorCode.TicketNotFound, `Ticket #${id} does not exist.`, { id });
  }
  return ticket;
}

/** For what only staff have (links, presence): a client is answered as if the ticket did not exist. */
export function visibleToStaffOrNotFound<T extends TicketScope>(principal: Principal, id: number, ticket: T | null): T {
  return visibleOrNotFound(principal, id, isStaff(principal) ? ticket : null);
}

/** Whether staff may work in a department: route a ticket there, or be assigned in it. */
export function canWorkInDepartment(
  staff: Pick<Principal, 'role' | 'departmentIds' | 'kind'>,
  departmentId: number,
): boolean {
  return isAdmin(staff as Principal) || (!isClient(staff as Principal) && staff.departmentIds.includes(departmentId));
}

/** Departments whose tickets a staff list may show; undefined means all (admins). */
export function listableDepartmentIds(principal: Principal, requested?: number): number[] | undefined {
  const scope = isAdmin(principal) ? undefined : principal.departmentIds;
  if (requested === undefined) {
    return scope;
  }
  return scope === undefined || scope.includes(requested) ? [requested] : [];
}
