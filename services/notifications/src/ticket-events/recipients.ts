import { Injectable, Logger } from '@nestjs/common';
import { AccessPatterns, ErrorCode, PrincipalKind, StaffView, systemPrincipal, TicketEvent } from '@helpdesk/contracts';
import { AccessClient, UpstreamError } from '@helpdesk/messaging';

import { Audience, newAssigneeId, Person } from './notification-rules';
import { whyNoStaffMail } from './staff-mail-rule';

const principal = systemPrincipal('notifications');

/**
 * Asks the access service, the owner of people, who an audience is right now: only active
 * people, staff only while they may see the ticket (see whyNoStaffMail), with their current
 * address. Anyone who no longer exists is skipped; any other failure is thrown, so the event is
 * retried.
 */
@Injectable()
export class Recipients {
  private readonly logger = new Logger(Recipients.name);

  constructor(private readonly access: AccessClient) {}

  async of(audience: Audience, event: TicketEvent): Promise<Person[]> {
    const { ticket } = event.payload;
    switch (audience) {
      case Audience.Client:
        return this.client(ticket.clientId);
      case Audience.TicketStaff: {
        const assignee =
          ticket.assigneeId === null ? [] : await this.staffMember(ticket.assigneeId, ticket.departmentId);
        // An assignee who was deactivated or lost access to the department meanwhile leaves the
        // ticket to the department.
        return assignee.length > 0 ? assignee : this.departmentStaff(ticket.departmentId);
      }
      case Audience.NewAssignee: {
        const id = newAssigneeId(event);
        return id === null ? [] : this.staffMember(id, ticket.departmentId);
      }
      case Audience.Ccs:
        return (event.payload.participants?.ccs ?? []).map((cc) => ({
          kind: PrincipalKind.Client,
          id: cc.clientId,
          name: cc.name,
          email: cc.email,
        }));
      case Audience.Followers:
        return this.staffMembers(event.payload.participants?.followerIds ?? [], ticket.departmentId);
      case Audience.Mentioned:
        return this.staffMembers(event.payload.message?.mentionedStaffIds ?? [], ticket.departmentId);
    }
  }

  private async client(id: number): Promise<Person[]> {
    const client = await this.access
      .send(AccessPatterns.GetClient, { principal, id })
      .catch(this.missing(ErrorCode.ClientNotFound));
    return client?.active
      ? [{ kind: PrincipalKind.Client, id: client.id, name: client.name, email: client.email }]
      : [];
  }

  private async staffMember(id: number, departmentId: number): Promise<Person[]> {
    const member = await this.access
      .send(AccessPatterns.GetStaff, { principal, id })
      .catch(this.missing(ErrorCode.StaffNotFound));
    return member && whyNoStaffMail(member, departmentId) === null ? [toPerson(member)] : [];
  }

  private async staffMembers(ids: number[], departmentId: number): Promise<Person[]> {
    return (await Promise.all(ids.map((id) => this.staffMember(id, departmentId)))).flat();
  }

  private async departmentStaff(departmentId: number): Promise<Person[]> {
    const staff = await this.access.send(AccessPatterns.StaffOfDepartment, { principal, departmentId });
    return staff.filter((member) => member.active).map(toPerson);
  }

  private missing(code: ErrorCode) {
    return (error: unknown): null => {
      if (error instanceof UpstreamError && error.code === code) {
        this.logger.warn(`${error.message} Nobody to mail there.`);
        return null;
      }
      throw error;
    };
  }
}

const toPerson = (member: StaffView): Person => ({
  kind: PrincipalKind.Staff,
  id: member.id,
  name: member.name,
  email: member.email,
});
