import { Injectable, Logger } from '@nestjs/common';
import {
  AccessPatterns,
  CreateTicketBody,
  DomainError,
  EmailReplyOutcome,
  EmailReplyResult,
  ErrorCode,
  isStaff,
  MessageBody,
  MessageVia,
  OpenByEmailPayload,
  Principal,
  ReplyByEmailPayload,
  systemPrincipal,
  TicketStatus,
} from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';
import { AccessClient } from '@helpdesk/messaging';

import { Clock } from '../common/clock';
import { NEW_TICKET, ParticipantsService } from '../participants/participants.service';
import { ClosedTicketDecision, ClosedTicketPolicy } from '../ticket-writes/closed-ticket-policy';
import { POLICY_UNKNOWN, ReplyDeclined } from '../ticket-writes/ticket-commands';
import { MERGE_CHAIN_MAX } from '../ticket-writes/ticket-merge';
import { TicketWrites } from '../ticket-writes/ticket-writes';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { EmailMessagesRepository, ExistingEmailMessage } from './email-messages.repository';

const EXTERNAL_ID_INDEX = 'messages_external_id_key';

/** Who writes the notes that link a follow-up ticket to the closed one. */
const LINK_AUTHOR: Principal = { ...systemPrincipal('tickets'), name: 'Email' };

/**
 * Messages that come by email (mail-ingress): replies under the department's policy for closed
 * tickets, notes, and tickets opened by mail. Each is written at most once per `externalId`,
 * however often mail-ingress retries after a crash or a timeout.
 */
@Injectable()
export class EmailRepliesService {
  private readonly logger = new Logger(EmailRepliesService.name);

  constructor(
    private readonly tickets: TicketsService,
    private readonly writes: TicketWrites,
    private readonly messages: EmailMessagesRepository,
    private readonly access: AccessClient,
    private readonly clock: Clock,
    private readonly participants: ParticipantsService,
  ) {}

  /**
   * Written first without the department's closed-ticket policy: only a ticket found closed
   * under the lock needs it, and then the write runs again with it. A repeat of an earlier
   * call fails on the unique `externalId` and answers what that call added.
   */
  async reply(
    principal: Principal,
    ticketId: number,
    body: MessageBody & ByEmail,
    externalId: string,
    asNote = false,
  ): Promise<EmailReplyResult> {
    return this.once(externalId, ticketId, asNote, async () => {
      let onTicket = ticketId;
      let policy: ClosedTicketPolicy | null | typeof POLICY_UNKNOWN = asNote ? null : POLICY_UNKNOWN;
      for (let merges = 0; ;) {
        const written = await this.writes.execute({
          ...addedByEmail(principal, onTicket, body, externalId),
          internal: asNote,
          closedTicketPolicy: policy,
          followMerge: true,
        });
        switch (written.kind) {
          case 'merged':
            onTicket = afterMerge(ticketId, written.targetId, ++merges);
            policy = asNote ? null : POLICY_UNKNOWN;
            continue;
          case 'policy-needed':
            policy = await this.policyOf(written.ticket);
            continue;
          case 'declined':
            return this.declined(principal, written, body, externalId, policy === POLICY_UNKNOWN ? null : policy);
          case 'added':
            return {
              outcome: asNote ? EmailReplyOutcome.Noted : EmailReplyOutcome.Replied,
              ...idsOfAdded(written.ticket, written.message.id),
              ...(onTicket !== ticketId ? { redirectedFrom: ticketId } : {}),
              duplicate: false,
            };
        }
      }
    });
  }

  async open(
    principal: Principal,
    body: CreateTicketBody & ByEmail & WrittenTo,
    externalId: string,
    requesterVerified = true,
  ): Promise<EmailReplyResult> {
    const existing = await this.messages.findByExternalId(externalId);
    if (existing) {
      return { outcome: EmailReplyOutcome.Opened, ...idsOf(existing), duplicate: true };
    }
    return this.once(externalId, null, false, async () => {
      // Mail's To/Cc: addresses that may not be CCs are left out rather than refusing the mail.
      const { senderVerdict, writtenTo, backlog, ...ticketBody } = body;
      const owner = {
        id: NEW_TICKET,
        clientId: principal.id,
        departmentId: body.departmentId,
        writtenTo: writtenTo ?? null,
      };
      const ccs = await this.participants.ccsFor(principal, owner, body.cc, 'lenient');
      const ticket = await this.writes.execute({
        kind: 'open',
        principal,
        body: ticketBody,
        via: MessageVia.Email,
        externalId,
        ccs,
        senderVerdict,
        requesterVerified,
        writtenTo,
        backlog,
      });
      return {
        outcome: EmailReplyOutcome.Opened,
        ticketId: ticket.id,
        messageId: ticket.messages[0].id,
        departmentId: ticket.department.id,
        duplicate: false,
      };
    });
  }

  /** The department refuses replies to its closed tickets, or this one was closed too long ago. */
  private async declined(
    principal: Principal,
    { decision, ticket }: ReplyDeclined,
    body: MessageBody & ByEmail,
    externalId: string,
    policy: ClosedTicketPolicy | null,
  ): Promise<EmailReplyResult> {
    const earlier = await this.messages.findByExternalId(externalId);
    if (earlier) {
      // A repeat of a call that added it before the ticket was closed, or that opened a follow-up.
      return this.duplicateReply(ticket, earlier, externalId, policy);
    }
    if (decision === ClosedTicketDecision.Refuse) {
      throw new DomainError(
        ErrorCode.TicketClosed,
        `Ticket #${ticket.id} is closed and takes no more replies by email; open a new ticket instead.`,
        { ticketId: Number(ticket.id) },
      );
    }
    return this.followUp(principal, ticket, body, externalId, policy);
  }

  /** A reply too long after the close: a new ticket like the old one, and a note on each naming the other. */
  private async followUp(
    principal: Principal,
    closed: Ticket,
    body: MessageBody & ByEmail,
    externalId: string,
    policy: ClosedTicketPolicy | null,
  ): Promise<EmailReplyResult> {
    const oldId = Number(closed.id);
    const opened = await this.open(
      principal,
      {
        departmentId: closed.departmentId,
        subject: closed.subject,
        message: body.message,
        attachmentIds: body.attachmentIds,
        priority: closed.priority,
        clientId: isStaff(principal) ? closed.clientId : undefined,
        senderVerdict: body.senderVerdict,
        writtenTo: closed.writtenTo ?? undefined,
      },
      externalId,
    );
    await this.linkFollowUp(closed, opened.ticketId, externalId, policy);
    this.logger.log(`An email reply to closed ticket #${oldId} opened ticket #${opened.ticketId}`);
    return { ...opened, outcome: EmailReplyOutcome.NewTicket, previousTicketId: oldId };
  }

  private async linkFollowUp(
    closed: Ticket,
    newTicketId: number,
    externalId: string,
    policy: ClosedTicketPolicy | null,
  ): Promise<void> {
    const closedOn = (closed.closedAt ?? this.clock.now()).toISOString().slice(0, 10);
    const days = policy?.reopenWithinDays ?? 0;
    await Promise.all([
      this.noteOnce(newTicketId, `${externalId}:follow-up`, {
        message: `Opened by an email reply to ticket #${closed.id}, which was closed on ${closedOn}: replies more than ${days} day(s) after the close open a new ticket.`,
      }),
      this.noteOnce(Number(closed.id), `${externalId}:follow-up-of`, {
        message: `An email reply after the close opened ticket #${newTicketId}.`,
      }),
    ]);
  }

  private async noteOnce(ticketId: number, externalId: string, body: MessageBody): Promise<void> {
    if (await this.messages.findByExternalId(externalId)) {
      return;
    }
    await this.once(externalId, ticketId, true, () =>
      this.writes.execute({ ...addedByEmail(LINK_AUTHOR, ticketId, body, externalId), internal: true }),
    );
  }

  /** An earlier call opened a follow-up ticket for this reply: make sure the two are linked, then answer it. */
  private async duplicateReply(
    closed: Ticket,
    existing: ExistingEmailMessage,
    externalId: string,
    policy: ClosedTicketPolicy | null,
  ): Promise<EmailReplyResult> {
    if (existing.ticketId !== Number(closed.id)) {
      await this.linkFollowUp(closed, existing.ticketId, externalId, policy);
    }
    return duplicateOf(existing, Number(closed.id), false);
  }

  /** Only a closed ticket needs its department's policy (one closed meanwhile reopens, the default). */
  private async policyOf(ticket: Ticket): Promise<ClosedTicketPolicy | null> {
    if (ticket.status !== TicketStatus.Closed) {
      return null;
    }
    const department = await this.access.send(AccessPatterns.GetDepartment, {
      principal: LINK_AUTHOR,
      id: ticket.departmentId,
    });
    return { replyToClosedPolicy: department.replyToClosedPolicy, reopenWithinDays: department.reopenWithinDays };
  }

  /** Runs `write`; if a concurrent call with the same key won the unique index, answers its message. */
  private async once<T>(
    externalId: string,
    ticketId: number | null,
    asNote: boolean,
    write: () => Promise<T>,
  ): Promise<T | EmailReplyResult> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error, EXTERNAL_ID_INDEX)) {
        throw error;
      }
      const existing = await this.messages.findByExternalId(externalId);
      if (!existing) {
        throw error;
      }
      const current = ticketId === null ? existing.ticketId : await this.tickets.currentTicketOf(ticketId);
      if (ticketId !== null && existing.ticketId !== current && !asNote) {
        const closed = await this.tickets.findVisible(LINK_AUTHOR, ticketId);
        return this.duplicateReply(closed, existing, externalId, await this.policyOf(closed));
      }
      const duplicate = duplicateOf(existing, current, asNote);
      return ticketId !== null && current !== ticketId ? { ...duplicate, redirectedFrom: ticketId } : duplicate;
    }
  }
}

function afterMerge(ticketId: number, targetId: number, merges: number): number {
  if (merges > MERGE_CHAIN_MAX) {
    throw new Error(`Ticket #${ticketId} leads through more than ${MERGE_CHAIN_MAX} merges`);
  }
  return targetId;
}

/** What an email brings besides its text and files: what sender authentication said of it. */
type ByEmail = Pick<ReplyByEmailPayload, 'senderVerdict'>;
/** A ticket opened by email: the support address the mail was written to. */
type WrittenTo = Pick<OpenByEmailPayload, 'writtenTo' | 'backlog'>;

function addedByEmail(principal: Principal, ticketId: number, body: MessageBody & ByEmail, externalId: string) {
  return {
    kind: 'add-message' as const,
    principal,
    ticketId,
    text: body.message,
    attachmentIds: body.attachmentIds,
    via: MessageVia.Email,
    externalId,
    senderVerdict: body.senderVerdict,
  };
}

function idsOfAdded(ticket: Ticket, messageId: number) {
  return { ticketId: Number(ticket.id), messageId, departmentId: ticket.departmentId };
}

function idsOf(existing: ExistingEmailMessage) {
  return { ticketId: existing.ticketId, messageId: existing.messageId, departmentId: existing.departmentId };
}

function duplicateOf(existing: ExistingEmailMessage, requestedTicketId: number, asNote: boolean): EmailReplyResult {
  if (existing.ticketId !== requestedTicketId) {
    return {
      outcome: EmailReplyOutcome.NewTicket,
      ...idsOf(existing),
      previousTicketId: requestedTicketId,
      duplicate: true,
    };
  }
  return {
    outcome: asNote || existing.internal ? EmailReplyOutcome.Noted : EmailReplyOutcome.Replied,
    ...idsOf(existing),
    duplicate: true,
  };
}
