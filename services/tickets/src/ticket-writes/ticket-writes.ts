import { Injectable } from '@nestjs/common';
import {
  CreateTicketBody,
  DomainError,
  ErrorCode,
  isClient,
  isStaff,
  MessageVia,
  ParticipantVia,
  Principal,
  TicketPriority,
  TicketStatus,
  TicketView,
} from '@helpdesk/contracts';

import { MessageAttachments } from '../attachments/message-attachments';
import { Clock } from '../common/clock';
import { Directory } from '../directory/directory';
import { ParticipantsService } from '../participants/participants.service';
import { canSeeTicket, visibleOrNotFound } from '../tickets/ticket-access';
import { assertVersionMatches } from '../tickets/ticket-version';
import { statusAfterReply } from '../tickets/ticket-lifecycle';
import { toMessageView, toTicketView } from '../tickets/ticket.mapper';
import { ClosedTicketDecision, ClosedTicketPolicy, decideReplyToTicket } from './closed-ticket-policy';
import {
  AddMessage,
  ChangeTicket,
  MergedAway,
  MergeTickets,
  MessageAdded,
  OpenTicket,
  POLICY_UNKNOWN,
  PolicyNeeded,
  ReplyDeclined,
  TicketCommand,
  VerifyRequester,
} from './ticket-commands';
import { TicketChangeChecks } from './ticket-change-checks';
import { notMerged, TicketMerges } from './ticket-merge';
import { SplitTicket, TicketSplits } from './ticket-split';
import { TicketUnmerges, UnmergeTickets } from './ticket-unmerge';
import { applyChanges } from './ticket-changes';
import { newMessage } from './new-message';
import { messageAdded, opened, requesterVerified, statusChanged } from './ticket-happenings';
import { TicketTransactions, TicketWriter } from './ticket-writer';

/**
 * The one way to write to a ticket: a command in, its checks that need other services first
 * (directory, attachment claims), then one transaction that writes the ticket and records what
 * happened as history and outbox events (TicketWriter.record). The statements of each, in order:
 *
 * - open: SELECT department copy [+ upsert when stale]; INSERT ticket; INSERT message;
 *   [INSERT message_attachments]; upsert ticket_search; INSERT history; INSERT outbox.
 * - add-message: SELECT ticket and its department's name FOR UPDATE; INSERT message;
 *   [INSERT message_attachments]; [upsert ticket_search, replies only]; UPDATE ticket; INSERT
 *   history; INSERT outbox. A reply the closed-ticket policy declines (or whose policy the
 *   command does not know yet) stops after the lock.
 * - change: (before) SELECT ticket; then SELECT ticket FOR UPDATE; [department copy]; and when
 *   something changed UPDATE ticket; SELECT department name; INSERT history; INSERT outbox.
 * - verify-requester: SELECT ticket FOR UPDATE; when unverified UPDATE ticket; SELECT department
 *   name; INSERT history; INSERT outbox.
 */
@Injectable()
export class TicketWrites {
  constructor(
    private readonly transactions: TicketTransactions,
    private readonly directory: Directory,
    private readonly messageAttachments: MessageAttachments,
    private readonly changeChecks: TicketChangeChecks,
    private readonly clock: Clock,
    private readonly participants: ParticipantsService,
    private readonly merges: TicketMerges,
    private readonly unmerges: TicketUnmerges,
    private readonly splits: TicketSplits,
  ) {}

  execute(command: OpenTicket): Promise<TicketView>;
  execute(
    command: AddMessage & { closedTicketPolicy: ClosedTicketPolicy | null | typeof POLICY_UNKNOWN },
  ): Promise<MessageAdded | ReplyDeclined | PolicyNeeded | MergedAway>;
  /** Without a closed-ticket policy a reply always goes on the ticket. */
  execute(command: AddMessage & { closedTicketPolicy?: undefined }): Promise<MessageAdded>;
  execute(command: ChangeTicket | VerifyRequester | MergeTickets | UnmergeTickets): Promise<void>;
  /** A split answers the new ticket's id. */
  execute(command: SplitTicket): Promise<number>;
  execute(
    command: TicketCommand,
  ): Promise<TicketView | MessageAdded | ReplyDeclined | PolicyNeeded | MergedAway | number | void> {
    switch (command.kind) {
      case 'open':
        return this.open(command);
      case 'add-message':
        return this.addMessage(command);
      case 'change':
        return this.change(command);
      case 'verify-requester':
        return this.verifyRequester(command);
      case 'merge':
        return this.merges.merge(command);
      case 'unmerge':
        return this.unmerges.unmerge(command);
      case 'split':
        return this.splits.split(command);
    }
  }

  private async open({
    principal,
    body,
    via,
    externalId,
    ccs = [],
    senderVerdict,
    requesterVerified = true,
    writtenTo,
    backlog = false,
  }: OpenTicket): Promise<TicketView> {
    const clientId = clientOfNewTicket(principal, body);
    const [department, client, attachments] = await Promise.all([
      this.directory.activeDepartment(principal, body.departmentId),
      isClient(principal) ? principal : this.directory.client(principal, clientId),
      this.messageAttachments.claim(principal, body.attachmentIds),
    ]);
    if (isStaff(principal) && !canSeeTicket(principal, { departmentId: department.id, clientId })) {
      throw new DomainError(ErrorCode.AccessDenied, `You do not work in department "${department.name}".`);
    }
    const at = this.clock.now();
    return this.transactions.run(async (writer) => {
      await writer.rememberDepartment(department);
      const ticket = await writer.insertTicket({
        subject: body.subject,
        clientId,
        clientName: client.name,
        departmentId: department.id,
        status: TicketStatus.Open,
        priority: body.priority ?? TicketPriority.Medium,
        assigneeId: null,
        assigneeName: '',
        createdAt: at,
        lastActivityAt: at,
        closedAt: null,
        requesterVerified,
        mergedIntoId: null,
        mergedAt: null,
        writtenTo: writtenTo ?? null,
      });
      const message = await writer.insertMessage(
        newMessage(
          { principal, ticketId: ticket.id, text: body.message, internal: false, via, externalId, senderVerdict },
          at,
        ),
      );
      await this.messageAttachments.link(writer.manager, Number(message.id), attachments);
      await writer.indexForSearch(ticket.id, `${body.subject}\n${body.message}`);
      await this.participants.insertCcs(writer.manager, ticket, ccs, principal, participantVia(via));
      await writer.record(ticket, department.name, { principal, at }, [opened(message, attachments, backlog)]);
      return toTicketView(ticket, department.name, [message], new Map([[Number(message.id), attachments]]));
    });
  }

  private async addMessage(command: AddMessage): Promise<MessageAdded | ReplyDeclined | PolicyNeeded | MergedAway> {
    const { principal, ticketId, internal } = command;
    const attachments = await this.messageAttachments.claim(principal, command.attachmentIds);
    return this.transactions.run(async (writer) => {
      const locked = await writer.lockTicketInDepartment(ticketId);
      const ticket = visibleOrNotFound(principal, ticketId, locked?.ticket ?? null);
      if (ticket.mergedIntoId !== null && command.followMerge) {
        return { kind: 'merged', targetId: Number(ticket.mergedIntoId) };
      }
      notMerged(ticket);
      if (internal && !isStaff(principal)) {
        throw new DomainError(ErrorCode.AccessDenied, 'Only staff may add internal notes.');
      }
      const at = this.clock.now();
      const policy = command.closedTicketPolicy ?? null;
      if (!internal && policy === POLICY_UNKNOWN && ticket.status === TicketStatus.Closed) {
        return { kind: 'policy-needed', ticket };
      }
      const decision =
        internal || policy === POLICY_UNKNOWN ? ClosedTicketDecision.Reply : decideReplyToTicket(ticket, policy, at);
      if (decision !== ClosedTicketDecision.Reply) {
        return { kind: 'declined', decision, ticket };
      }
      const sentOver = await this.newerMessagesCheck(writer, command);
      const message = await writer.insertMessage(newMessage(command, at));
      await this.messageAttachments.link(writer.manager, Number(message.id), attachments);
      await this.participants.insertCcs(
        writer.manager,
        ticket,
        command.ccs ?? [],
        principal,
        participantVia(command.via),
      );
      const mentions = internal ? (command.mentions ?? []) : [];
      await this.participants.recordMentions(writer.manager, ticket, message, mentions, principal);
      const happenings = [
        messageAdded(
          message,
          attachments,
          mentions.map((m) => m.id),
          sentOver,
        ),
      ];
      if (!internal) {
        const status = statusAfterReply(principal.kind);
        if (status !== ticket.status) {
          happenings.push(statusChanged(ticket.status, status, false));
        }
        ticket.status = status;
        ticket.closedAt = null;
        await writer.indexForSearch(ticket.id, command.text);
      }
      ticket.lastActivityAt = at;
      await writer.updateTicket(ticket);
      await writer.record(ticket, locked?.departmentName ?? '', { principal, at }, happenings);
      return { kind: 'added', ticket, message: toMessageView(message, attachments) };
    });
  }

  private async change({ principal, ticketId, changes, ifMatch }: ChangeTicket): Promise<void> {
    const plan = await this.changeChecks.plan(principal, ticketId, changes);
    await this.transactions.run(async (writer) => {
      const ticket = notMerged(visibleOrNotFound(principal, ticketId, await writer.lockTicket(ticketId)));
      assertVersionMatches(ticketId, ticket, ifMatch);
      if (ticket.departmentId !== plan.seen.departmentId || ticket.assigneeId !== plan.seen.assigneeId) {
        throw new DomainError(
          ErrorCode.TicketChanged,
          `Ticket #${ticketId} was changed by someone else meanwhile; reload it and try again.`,
        );
      }
      if (plan.targetDepartment) {
        await writer.rememberDepartment(plan.targetDepartment);
      }
      const at = this.clock.now();
      const happenings = applyChanges(ticket, plan, at);
      if (happenings.length > 0) {
        await writer.updateTicket(ticket);
        await writer.record(ticket, await writer.departmentName(ticket.departmentId), { principal, at }, happenings);
      }
    });
  }

  /**
   * The collision guard: messages by others newer than the one the writer based theirs on refuse
   * the write (409 STALE_REPLY, listing them), unless forced; then their ids, for the history.
   */
  private async newerMessagesCheck(writer: TicketWriter, command: AddMessage): Promise<number[]> {
    const { basedOnMessageId, principal, ticketId } = command;
    if (basedOnMessageId === undefined) {
      return [];
    }
    const newer = await writer.messagesNewerThan(ticketId, basedOnMessageId, principal);
    if (newer === null) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `basedOnMessageId: message #${basedOnMessageId} is not on ticket #${ticketId}.`,
      );
    }
    if (newer.length > 0 && command.force !== true) {
      throw new DomainError(
        ErrorCode.StaleReply,
        `${newer.length} newer message(s) arrived on ticket #${ticketId} since message #${basedOnMessageId}; read them, then send again (or send with force).`,
        { newer },
      );
    }
    return newer.map((message) => message.id);
  }

  /** Idempotent: a ticket whose requester is verified is left as it is, with no history entry. */
  private async verifyRequester({ principal, ticketId }: VerifyRequester): Promise<void> {
    await this.transactions.run(async (writer) => {
      const ticket = notMerged(visibleOrNotFound(principal, ticketId, await writer.lockTicket(ticketId)));
      if (!isStaff(principal)) {
        throw new DomainError(ErrorCode.AccessDenied, 'Only staff may verify the requester of a ticket.');
      }
      if (ticket.requesterVerified) {
        return;
      }
      ticket.requesterVerified = true;
      await writer.updateTicket(ticket);
      const at = this.clock.now();
      await writer.record(ticket, await writer.departmentName(ticket.departmentId), { principal, at }, [
        requesterVerified(),
      ]);
    });
  }
}

function clientOfNewTicket(principal: Principal, body: CreateTicketBody): number {
  if (isClient(principal)) {
    if (body.clientId !== undefined && body.clientId !== principal.id) {
      throw new DomainError(ErrorCode.ValidationFailed, 'clientId: only staff may open a ticket for another client.');
    }
    return principal.id;
  }
  if (body.clientId === undefined) {
    throw new DomainError(ErrorCode.ValidationFailed, 'clientId: staff must name the client the ticket is for.');
  }
  return body.clientId;
}

function participantVia(via: MessageVia): ParticipantVia {
  return via === MessageVia.Email ? ParticipantVia.Email : ParticipantVia.Web;
}
