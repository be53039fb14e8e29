import { Inject, Injectable } from '@nestjs/common';
import {
  AddCcBody,
  AddCcResult,
  CcView,
  DomainError,
  ErrorCode,
  FollowerView,
  isAdmin,
  isClient,
  isStaff,
  MentionView,
  ParticipantsView,
  ParticipantVia,
  Principal,
  PrincipalKind,
  StaffView,
  systemPrincipal,
} from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';
import { UpstreamError } from '@helpdesk/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { Message } from '../tickets/message.entity';
import { canWorkInDepartment, visibleOrNotFound } from '../tickets/ticket-access';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsRepository } from '../tickets/tickets.repository';
import { findMentions, MentionCandidate } from './mention-parser';
import { Participant } from './participant.entity';
import { ParticipantsRepository } from './participants.repository';
import { addressOf, isSystemAddress, SystemAddresses } from './system-addresses';

export const PARTICIPANTS_OPTIONS = Symbol('PARTICIPANTS_OPTIONS');
export interface ParticipantsOptions {
  /** TICKET_MAX_CCS: current CCs one ticket may have. */
  maxCcs: number;
  /** MAIL_DOMAIN: the domain of every reply address. */
  replyDomain: string;
  /** MAIL_FROM, as `Name <address>` or an address. */
  mailFrom: string;
}

/** A CC checked and tied to its client account, ready to be written. */
/** The ticket CCs are for: `id` NEW_TICKET while it is being opened. */
export type TicketOfCcs = Pick<Ticket, 'id' | 'clientId' | 'departmentId' | 'writtenTo'>;
export const NEW_TICKET = 0;

export interface ResolvedCc {
  email: string;
  name: string;
  clientId: number;
}

const MENTIONS_LISTED = 50;
const CC_CONSTRAINT = 'participants_current_cc_key';
const FOLLOWER_CONSTRAINT = 'participants_current_follower_key';
const SYSTEM = systemPrincipal('tickets');

/**
 * Who is on a ticket besides its client and assignee: CCs (see and receive public messages,
 * may reply) and followers (staff, get what the assigned staff get), and @mentions in notes.
 * `addCc` is the one way to make an address a CC, also for other parts of this service (a merge).
 */
@Injectable()
export class ParticipantsService {
  constructor(
    @Inject(PARTICIPANTS_OPTIONS) private readonly options: ParticipantsOptions,
    private readonly participants: ParticipantsRepository,
    private readonly tickets: TicketsRepository,
    private readonly directory: Directory,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, ticketId: number): Promise<ParticipantsView> {
    await this.visible(principal, ticketId);
    const current = await this.participants.current(ticketId);
    return {
      ccs: current.filter((p) => p.kind === 'cc').map(toCcView),
      followers: isStaff(principal)
        ? current.filter((p) => p.kind === 'follower').map((p) => ({ staffId: p.staffId as number, name: p.name }))
        : [],
    };
  }

  async addCc(principal: Principal, ticketId: number, body: AddCcBody, via = ParticipantVia.Web): Promise<AddCcResult> {
    const ticket = await this.visible(principal, ticketId);
    await this.assertMayChangeCcs(principal, ticket);
    const email = body.email.trim().toLowerCase();
    const existing = await this.participants.currentCc(ticketId, email);
    if (existing) {
      return { cc: toCcView(existing), created: false };
    }
    const [resolved] = await this.resolveCcs(ticket, [{ email, name: body.name }], 'strict');
    if (!resolved) {
      throw new DomainError(ErrorCode.ValidationFailed, `email: ${email} is the ticket's own client.`, { email });
    }
    return this.dataSource.transaction(async (manager) => {
      try {
        const [added] = await this.insertCcs(manager, ticket, [resolved], principal, via);
        return { cc: toCcView(added), created: true };
      } catch (error) {
        if (!isUniqueViolation(error, CC_CONSTRAINT)) {
          throw error;
        }
      }
      const raced = await this.participants.currentCc(ticketId, email);
      if (!raced) {
        throw new Error(`The CC ${email} of ticket #${ticketId} vanished right after a conflict`);
      }
      return { cc: toCcView(raced), created: false };
    });
  }

  async removeCc(principal: Principal, ticketId: number, email: string): Promise<{ removed: true }> {
    const ticket = await this.visible(principal, ticketId);
    await this.assertMayChangeCcs(principal, ticket);
    const existing = await this.participants.currentCc(ticketId, email.trim().toLowerCase());
    if (existing) {
      await this.participants.remove(this.dataSource.manager, Number(existing.id), this.clock.now());
    }
    return { removed: true };
  }

  async follow(principal: Principal, ticketId: number, staffId: number): Promise<FollowerView> {
    const ticket = await this.visibleToStaff(principal, ticketId);
    const member = await this.eligibleFollower(staffId, ticket);
    const existing = await this.participants.currentFollower(ticketId, staffId);
    if (!existing) {
      await this.addFollowers(this.dataSource.manager, ticket, [member], principal, ParticipantVia.Web);
    }
    return { staffId: member.id, name: member.name };
  }

  async unfollow(principal: Principal, ticketId: number, staffId: number): Promise<{ removed: true }> {
    await this.visibleToStaff(principal, ticketId);
    const existing = await this.participants.currentFollower(ticketId, staffId);
    if (existing) {
      await this.participants.remove(this.dataSource.manager, Number(existing.id), this.clock.now());
    }
    return { removed: true };
  }

  mentions(principal: Principal): Promise<MentionView[]> {
    if (!isStaff(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff are mentioned in notes.');
    }
    return this.participants.mentionsOf(
      principal.id,
      isAdmin(principal) ? undefined : principal.departmentIds,
      MENTIONS_LISTED,
    );
  }

  /**
   * The `cc` list of a new ticket or a reply, checked before anything is written: the caller
   * may add CCs, no system address, the cap. `lenient` (mail): addresses that may not be CCs
   * are left out instead of refusing the message.
   */
  async ccsFor(
    principal: Principal,
    ticket: TicketOfCcs,
    emails: string[] | undefined,
    mode: 'strict' | 'lenient',
  ): Promise<ResolvedCc[]> {
    if (!emails || emails.length === 0) {
      return [];
    }
    if (mode === 'strict') {
      await this.assertMayChangeCcs(principal, ticket);
    }
    const current = ticket.id === NEW_TICKET ? [] : await this.participants.current(Number(ticket.id));
    const known = new Set(current.filter((p) => p.kind === 'cc').map((p) => p.email));
    const wanted = unique(emails.map((email) => email.trim().toLowerCase())).filter((email) => !known.has(email));
    return this.resolveCcs(
      ticket,
      wanted.map((email) => ({ email })),
      mode,
      known.size,
    );
  }

  /** Writes resolved CCs of a ticket, in the caller's transaction. */
  insertCcs(
    manager: EntityManager,
    ticket: Pick<Ticket, 'id'>,
    ccs: ResolvedCc[],
    by: Principal,
    via: ParticipantVia,
  ): Promise<Participant[]> {
    const at = this.clock.now();
    return Promise.all(
      ccs.map((cc) =>
        this.participants.insert(manager, {
          ticketId: Number(ticket.id),
          kind: 'cc',
          email: cc.email,
          name: cc.name,
          clientId: cc.clientId,
          staffId: null,
          ...addedBy(by, via, at),
          removedAt: null,
        }),
      ),
    );
  }

  /**
   * The staff a note @mentions; refuses the note (MENTION_NO_ACCESS, naming them) when any of
   * them cannot see the ticket's department.
   */
  async mentionedIn(text: string, ticket: Pick<Ticket, 'departmentId'>): Promise<MentionCandidate[]> {
    if (!text.includes('@')) {
      return [];
    }
    const staff = (await this.directory.allStaff(SYSTEM)).filter((member) => member.active);
    const mentioned = findMentions(text, staff);
    const byId = new Map(staff.map((member) => [member.id, member]));
    const outside = mentioned.filter((m) => !canWorkInDepartment(staffScope(byId.get(m.id)), ticket.departmentId));
    if (outside.length > 0) {
      const names = outside.map((m) => m.name).join(', ');
      throw new DomainError(
        ErrorCode.MentionNoAccess,
        `${names} cannot see this ticket's department; remove the mention or move the ticket first. The note was not saved.`,
        { staff: outside.map((m) => ({ id: m.id, name: m.name })) },
      );
    }
    return mentioned;
  }

  /** Records a note's mentions and makes the mentioned staff followers, in the note's transaction. */
  async recordMentions(
    manager: EntityManager,
    ticket: Pick<Ticket, 'id'>,
    message: Pick<Message, 'id' | 'createdAt'>,
    mentioned: MentionCandidate[],
    by: Principal,
  ): Promise<void> {
    if (mentioned.length === 0) {
      return;
    }
    await this.participants.insertMentions(
      manager,
      mentioned.map((m) => ({
        ticketId: Number(ticket.id),
        messageId: Number(message.id),
        staffId: m.id,
        byName: by.name,
        createdAt: message.createdAt,
      })),
    );
    const current = await this.participants.current(Number(ticket.id), manager);
    const following = new Set(current.filter((p) => p.kind === 'follower').map((p) => p.staffId));
    await this.addFollowers(
      manager,
      ticket,
      mentioned.filter((m) => !following.has(m.id)),
      by,
      ParticipantVia.Web,
    );
  }

  private async addFollowers(
    manager: EntityManager,
    ticket: Pick<Ticket, 'id'>,
    staff: { id: number; name: string }[],
    by: Principal,
    via: ParticipantVia,
  ): Promise<void> {
    const at = this.clock.now();
    for (const member of staff) {
      try {
        await this.participants.insert(manager, {
          ticketId: Number(ticket.id),
          kind: 'follower',
          email: null,
          name: member.name,
          clientId: null,
          staffId: member.id,
          ...addedBy(by, via, at),
          removedAt: null,
        });
      } catch (error) {
        // Followed meanwhile by a concurrent call: the follower is there, as asked.
        if (!isUniqueViolation(error, FOLLOWER_CONSTRAINT)) {
          throw error;
        }
      }
    }
  }

  private async resolveCcs(
    ticket: Pick<Ticket, 'id' | 'clientId' | 'writtenTo'>,
    wanted: { email: string; name?: string }[],
    mode: 'strict' | 'lenient',
    currentCount?: number,
  ): Promise<ResolvedCc[]> {
    const count =
      currentCount ?? (await this.participants.current(Number(ticket.id))).filter((p) => p.kind === 'cc').length;
    const system = await this.systemAddresses(ticket.writtenTo);
    const resolved: ResolvedCc[] = [];
    for (const { email, name } of wanted) {
      if (isSystemAddress(email, system)) {
        if (mode === 'lenient') {
          continue;
        }
        throw new DomainError(
          ErrorCode.CcIsSystemAddress,
          `cc: ${email} is one of the helpdesk's own addresses; add the person's own address instead.`,
          { email },
        );
      }
      if (count + resolved.length >= this.options.maxCcs) {
        if (mode === 'lenient') {
          break;
        }
        throw new DomainError(
          ErrorCode.CcLimit,
          `cc: a ticket has at most ${this.options.maxCcs} CCs; remove one before adding ${email}.`,
          { email, max: this.options.maxCcs },
        );
      }
      const cc = await this.clientFor(email, name, mode);
      if (cc && cc.clientId !== ticket.clientId) {
        resolved.push(cc);
      }
    }
    return resolved;
  }

  /** The client account behind a CC's address; created (without a password) for a new address. */
  private async clientFor(
    email: string,
    name: string | undefined,
    mode: 'strict' | 'lenient',
  ): Promise<ResolvedCc | null> {
    const person = await this.directory.personByEmail(SYSTEM, email);
    if (person && isStaff(person)) {
      if (mode === 'lenient') {
        return null;
      }
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `cc: ${email} is a staff member; staff follow a ticket instead (PUT /api/tickets/:id/followers/:staffId).`,
        { email },
      );
    }
    if (person) {
      return { email, name: person.name, clientId: person.id };
    }
    try {
      const client = await this.directory.createClient(SYSTEM, email, name ?? email.slice(0, email.indexOf('@')));
      return { email, name: client.name, clientId: client.id };
    } catch (error) {
      if (error instanceof UpstreamError && error.code === ErrorCode.EmailTaken) {
        if (mode === 'lenient') {
          return null;
        }
        throw new DomainError(ErrorCode.ValidationFailed, `cc: the account of ${email} is deactivated.`, { email });
      }
      throw error;
    }
  }

  /** A ticket's own address (the one it was written to, its mails' From) is a system address for its CCs. */
  private async systemAddresses(writtenTo: string | null): Promise<SystemAddresses> {
    const departments = await this.directory.departments(SYSTEM);
    return {
      replyDomain: this.options.replyDomain,
      addresses: [
        addressOf(this.options.mailFrom),
        ...departments.flatMap((department) => (department.email ? [department.email.toLowerCase()] : [])),
        ...(writtenTo ? [writtenTo.toLowerCase()] : []),
      ],
    };
  }

  /** Staff add and remove CCs; the ticket's own client where the department allows it. */
  private async assertMayChangeCcs(
    principal: Principal,
    ticket: Pick<Ticket, 'clientId' | 'departmentId'>,
  ): Promise<void> {
    if (isStaff(principal)) {
      return;
    }
    const department = await this.directory.department(SYSTEM, ticket.departmentId);
    if (ticket.clientId !== principal.id || !department.clientsMayAddCc) {
      throw new DomainError(
        ErrorCode.AccessDenied,
        `In department "${department.name}" only staff add or remove CCs; ask them to.`,
      );
    }
  }

  private async eligibleFollower(staffId: number, ticket: Ticket): Promise<StaffView> {
    const member = await this.directory.staffMember(SYSTEM, staffId).catch((error: unknown) => {
      if (error instanceof UpstreamError && error.code === ErrorCode.StaffNotFound) {
        return null;
      }
      throw error;
    });
    if (!member || !member.active || !canWorkInDepartment(staffScope(member), ticket.departmentId)) {
      throw new DomainError(
        ErrorCode.FollowerNotEligible,
        `Staff ${staffId} is not active staff of this ticket's department, so cannot follow it.`,
        { staffId },
      );
    }
    return member;
  }

  private async visible(principal: Principal, ticketId: number): Promise<Ticket> {
    return visibleOrNotFound(principal, ticketId, await this.tickets.findById(ticketId));
  }

  private async visibleToStaff(principal: Principal, ticketId: number): Promise<Ticket> {
    const ticket = await this.visible(principal, ticketId);
    if (isClient(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only staff follow tickets.');
    }
    return ticket;
  }
}

function toCcView(participant: Participant): CcView {
  return {
    email: participant.email as string,
    name: participant.name,
    clientId: participant.clientId ?? undefined,
    addedVia: participant.addedVia,
    addedAt: participant.addedAt.toISOString(),
  };
}

function addedBy(by: Principal, via: ParticipantVia, at: Date) {
  return { addedByKind: by.kind, addedById: by.id, addedByName: by.name, addedVia: via, addedAt: at };
}

function staffScope(member: Pick<StaffView, 'role' | 'departmentIds'> | undefined) {
  return { kind: PrincipalKind.Staff, role: member?.role, departmentIds: member?.departmentIds ?? [] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
