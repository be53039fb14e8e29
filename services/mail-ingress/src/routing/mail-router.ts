import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DepartmentView,
  DomainError,
  ErrorCode,
  InboundMailReason,
  InboundMailRoute,
  isClient,
  Principal,
  PrincipalKind,
  ReplyToClosedPolicy,
  SenderVerdict,
  TicketPatterns,
  TicketStatus,
  TicketView,
} from '@helpdesk/contracts';
import { ReplyTokens, ReplyTokenSubject } from '@helpdesk/mail';
import { RpcClient, TicketsClient } from '@helpdesk/messaging';
import type { TicketRpc } from '@helpdesk/contracts';

import {
  MAIL_INGRESS_CONFIG,
  MailIngressConfig,
  SenderMismatchPolicy,
  UnverifiedSenderPolicy,
} from '../config/mail-ingress-config';
import { MAIL_INGRESS_PRINCIPAL, People } from '../directory/people';
import { InboundMailsRepository } from '../inbound-mails/inbound-mails.repository';
import { HeaderSummary } from '../mail/header-summary';
import { SmtpReplies, SmtpReply } from '../mail/smtp-replies';
import { classifyRecipient, sameAddress, threadTicketId, ticketIdFromSubject } from './recipients';
import { AcceptedRecipient, Author, Envelope, NoteReason, RecipientCheck, Target } from '../mail/mail-types';
import { authenticationFailed } from '../sender-auth/sender-verdict';

/** Who a message says it is from, and what sender authentication said of it. */
interface Sender {
  /** The From: address, lower case. */
  address: string | null;
  /** MAIL FROM, lower case; '' for the null reverse-path. */
  envelope: string;
  verdict: SenderVerdict;
}

/** Where and as whom an unverified mail opens a new ticket under UNVERIFIED_SENDER_POLICY=new_ticket. */
interface UnverifiedRequester {
  departmentId: number;
  /** The client the sender claims to be; null for a client still to be created (ALLOW_NEW_CLIENTS_BY_EMAIL). */
  author: Author | null;
}

/** A quick look at a ticket's state while the sender waits for the SMTP answer; may be absent. */
export const TICKETS_PREFLIGHT = Symbol('TICKETS_PREFLIGHT');

const HOUR_MS = 3_600_000;

/**
 * Decides, while the SMTP session waits, where a message goes: at RCPT time whether an address
 * is ours (token verified by its MAC, no database), at the end of DATA which ticket or department
 * each message is for and as whom, or why it is refused. What needs the message itself (its
 * text, attachments) is left to the processing job.
 */
@Injectable()
export class MailRouter {
  private readonly logger = new Logger(MailRouter.name);

  constructor(
    @Inject(MAIL_INGRESS_CONFIG) private readonly config: MailIngressConfig,
    private readonly tokens: ReplyTokens,
    private readonly people: People,
    private readonly tickets: TicketsClient,
    @Inject(TICKETS_PREFLIGHT) private readonly preflight: RpcClient<TicketRpc>,
    private readonly mails: InboundMailsRepository,
  ) {}

  async checkRecipient(address: string): Promise<RecipientCheck> {
    const recipient = classifyRecipient(address, {
      addressing: this.config.addressing,
      tokens: this.tokens,
      ownAddresses: this.config.ownAddresses,
    });
    switch (recipient.kind) {
      case 'token':
      case 'untagged':
        return { accepted: true, recipient };
      case 'forged':
        return { accepted: false, reply: SmtpReplies.invalidToken(), reason: InboundMailReason.InvalidToken };
      case 'other': {
        const department = await this.people.departmentByEmail(recipient.address);
        if (department) {
          return { accepted: true, recipient: { kind: 'department', address: recipient.address, department } };
        }
        return {
          accepted: false,
          reply: recipient.ourDomain
            ? SmtpReplies.unknownMailbox()
            : SmtpReplies.relayDenied(this.config.addressing.domain),
          reason: InboundMailReason.UnknownRecipient,
        };
      }
    }
  }

  /**
   * One target per token recipient; without any, the message is matched by our Message-IDs in
   * its In-Reply-To/References, then by a `[#id]` subject tag, then by a department's address;
   * else it is refused. Who wrote it comes only from evidence: a token whose recipient sent it
   * (envelope and From:) and whose authentication did not fail, or, without a token, a client's
   * authentication that passed aligned with From:. Staff write by email only through a token.
   */
  async route(
    envelope: Envelope,
    headers: HeaderSummary,
    verdict: SenderVerdict,
    recipients: AcceptedRecipient[],
  ): Promise<Target[]> {
    const sender: Sender = { address: headers.from, envelope: envelope.from.toLowerCase(), verdict };
    const tokens = unique(
      recipients.flatMap((recipient) => (recipient.kind === 'token' ? [recipient] : [])),
      (recipient) => recipient.token,
    );
    if (tokens.length > 0) {
      return Promise.all(tokens.map((recipient) => this.tokenTarget(recipient.subject, sender)));
    }
    const threaded = await this.threadTarget(headers, sender);
    if (threaded) {
      return [threaded];
    }
    const departments = unique(
      recipients.flatMap((recipient) => (recipient.kind === 'department' ? [recipient.department] : [])),
      (department) => department.id,
    );
    if (departments.length > 0) {
      return Promise.all(departments.map((department) => this.departmentTarget(department, sender)));
    }
    return [
      refuse(
        { route: InboundMailRoute.None, routeKey: null },
        InboundMailReason.NoMatch,
        'No reply token, none of our Message-IDs, no ticket tag from its client, no department address.',
        SmtpReplies.noMatch(),
      ),
    ];
  }

  private async tokenTarget(subject: ReplyTokenSubject, sender: Sender): Promise<Target> {
    const { ticketId, recipient } = subject;
    const base = {
      route: InboundMailRoute.Token,
      routeKey: ticketRouteKey(ticketId, recipient),
      ticketId,
      departmentId: null,
      author: recipient,
    };
    const principal = await this.people.resolve(recipient.kind, recipient.id);
    if (!principal) {
      return refuse(
        base,
        InboundMailReason.RecipientGone,
        `${recipient.kind} ${recipient.id} has no active account.`,
        SmtpReplies.recipientGone(),
      );
    }
    if (!sameAddress(sender.address, principal.email) || !sameAddress(sender.envelope, principal.email)) {
      const detail = `Sent from ${sender.address ?? 'no address'} (envelope ${sender.envelope || 'empty'}), but the notification went to ${principal.email}.`;
      if (this.config.senderMismatchPolicy === SenderMismatchPolicy.Refuse) {
        return refuse(base, InboundMailReason.SenderMismatch, detail, SmtpReplies.senderMismatch());
      }
      return this.acceptUnlessLimited({
        ...base,
        noteReason: NoteReason.SenderMismatch,
        noteFrom: sender.address ?? 'an unknown sender',
      });
    }
    if (subject.purpose === 'cc' && !(await this.ticketAs(principal, ticketId))) {
      // A CC removed from the ticket: their token is as good as unknown. (A ticket's own client stays on it.)
      return refuse(
        base,
        InboundMailReason.InvalidToken,
        `Client ${recipient.id} is no longer on ticket #${ticketId}.`,
        SmtpReplies.invalidToken(),
      );
    }
    if (authenticationFailed(sender.verdict)) {
      const requester = isClient(principal) ? await this.requesterAbout(ticketId, recipient) : null;
      return this.unverified(base, sender, `Sender authentication of ${principal.email} failed.`, requester);
    }
    const noteReason = subject.purpose === 'note' ? NoteReason.NoteToken : null;
    return this.acceptUnlessLimited({ ...base, noteReason, noteFrom: null });
  }

  private async threadTarget(headers: HeaderSummary, sender: Sender): Promise<Target | null> {
    const threaded = threadTicketId(headers.threadIds, this.config.addressing.domain);
    if (threaded !== null) {
      const target = await this.senderOnTicket(InboundMailRoute.Thread, threaded, sender);
      if (target) {
        return target;
      }
    }
    const tagged = ticketIdFromSubject(headers.subject);
    if (tagged !== null && tagged !== threaded) {
      return this.senderOnTicket(InboundMailRoute.SubjectTag, tagged, sender);
    }
    return null;
  }

  /**
   * A ticket's client, verified, writes on it; unverified, or staff (who write by email only
   * through their token), the unverified-sender policy applies. Anyone else matches nothing.
   */
  private async senderOnTicket(route: InboundMailRoute, ticketId: number, sender: Sender): Promise<Target | null> {
    const person = sender.address ? await this.people.findByEmail(sender.address) : null;
    if (!person) {
      return null;
    }
    const ticket = await this.ticketAs(isClient(person) ? person : MAIL_INGRESS_PRINCIPAL, ticketId);
    if (!ticket) {
      return null;
    }
    const who = { kind: person.kind, id: person.id };
    const base = { route, routeKey: ticketRouteKey(ticketId, who), ticketId, departmentId: ticket.department.id };
    if (!isClient(person)) {
      return this.unverified(
        { ...base, author: null },
        sender,
        `${sender.address} is staff: staff write by email only through their own reply address.`,
      );
    }
    if (!sender.verdict.aligned) {
      return this.unverified({ ...base, author: null }, sender, `${sender.address} could not be verified.`, {
        departmentId: ticket.department.id,
        author: who,
      });
    }
    return this.acceptUnlessLimited({ ...base, author: who, noteReason: null, noteFrom: null });
  }

  private async departmentTarget(department: DepartmentView, sender: Sender): Promise<Target> {
    const address = sender.address;
    const base = {
      route: InboundMailRoute.Department,
      routeKey: `department:${department.id}:${address ?? ''}`,
      ticketId: null,
      departmentId: department.id,
    };
    if (!department.active) {
      return refuse(
        base,
        InboundMailReason.NoMatch,
        `Department "${department.name}" is inactive.`,
        SmtpReplies.departmentInactive(),
      );
    }
    const principal = address ? await this.people.findByEmail(address) : null;
    if (principal && !isClient(principal)) {
      // A staff or admin From: without their token is what a spoofer sends: held like any unverified mail.
      return this.unverified(
        { ...base, author: null },
        sender,
        `${address} is staff: staff write by email only through their own reply address.`,
      );
    }
    if (!principal && !(this.config.allowNewClients && address)) {
      return refuse(
        base,
        InboundMailReason.UnknownSender,
        `No client has the address ${address ?? '(none)'}.`,
        SmtpReplies.unknownSender(address ?? ''),
      );
    }
    const author = principal ? { kind: principal.kind, id: principal.id } : null;
    if (!sender.verdict.aligned) {
      return this.unverified({ ...base, author }, sender, `${address} could not be verified.`, {
        departmentId: department.id,
        author,
      });
    }
    return this.acceptUnlessLimited({ ...base, author, noteReason: null, noteFrom: null });
  }

  /**
   * UNVERIFIED_SENDER_POLICY: on a ticket, an internal note naming the real sender; without one,
   * held for staff to release as `author`; a new ticket under an unverified `requester` (when the
   * sender claims to be a client, or may become one); or refused with how to reply.
   */
  private async unverified(
    base: Pick<Target, 'route' | 'routeKey' | 'ticketId' | 'departmentId' | 'author'>,
    sender: Sender,
    why: string,
    requester: UnverifiedRequester | null = null,
  ): Promise<Target> {
    const verdict = sender.verdict;
    const detail = `${why} DKIM ${verdict.dkim}, SPF ${verdict.spf}, DMARC ${verdict.dmarc} (${verdict.evidence}).`;
    if (this.config.unverifiedSenderPolicy === UnverifiedSenderPolicy.Refuse) {
      return refuse(base, InboundMailReason.Unverified, detail, SmtpReplies.unverifiedSender());
    }
    const from = sender.address ?? (sender.envelope || 'an unknown sender');
    if (this.config.unverifiedSenderPolicy === UnverifiedSenderPolicy.NewTicket && requester) {
      return this.acceptUnlessLimited({
        route: base.route,
        routeKey: `department:${requester.departmentId}:${from}`,
        ticketId: null,
        departmentId: requester.departmentId,
        author: requester.author,
        noteReason: null,
        noteFrom: null,
        unverifiedRequester: true,
      });
    }
    if (base.ticketId === null) {
      return {
        ...base,
        action: 'hold',
        noteReason: null,
        noteFrom: null,
        reason: InboundMailReason.Unverified,
        detail,
      };
    }
    return this.acceptUnlessLimited({
      ...base,
      routeKey: `ticket:${base.ticketId}:unverified:${from}`,
      noteReason: NoteReason.Unverified,
      noteFrom: from,
    });
  }

  /** UNVERIFIED_SENDER_POLICY=new_ticket: a client's unverified mail about a ticket opens one in its department. */
  private async requesterAbout(ticketId: number, client: Author): Promise<UnverifiedRequester | null> {
    if (this.config.unverifiedSenderPolicy !== UnverifiedSenderPolicy.NewTicket) {
      return null;
    }
    const ticket = await this.ticketAs(MAIL_INGRESS_PRINCIPAL, ticketId);
    return ticket ? { departmentId: ticket.department.id, author: client } : null;
  }

  /**
   * A reply the ticket's department refuses once closed is refused now, when tickets answers
   * quickly. Tickets is asked only while some department refuses such replies: otherwise every
   * reply would pay a round trip for an answer known in advance.
   */
  async closedRefusal(target: Target): Promise<Target> {
    if (target.action !== 'accept' || target.noteReason !== null || target.ticketId === null) {
      return target;
    }
    try {
      if (!(await this.people.someDepartmentRefusesClosedReplies())) {
        return target;
      }
      const ticket = await this.preflight.send(TicketPatterns.Get, {
        principal: MAIL_INGRESS_PRINCIPAL,
        id: target.ticketId,
      });
      // A merged ticket is closed, but its mail goes to the ticket it was merged into, whatever its policy.
      if (ticket.status !== TicketStatus.Closed || ticket.mergedInto) {
        return target;
      }
      const department = await this.people.department(ticket.department.id);
      if (department?.replyToClosedPolicy !== ReplyToClosedPolicy.Refuse) {
        return target;
      }
      return refuse(
        target,
        InboundMailReason.TicketClosed,
        `Ticket #${target.ticketId} is closed and its department refuses email replies to closed tickets.`,
        SmtpReplies.ticketClosed(target.ticketId),
      );
    } catch (error) {
      // Tickets is slow or away: the processing job applies the policy later.
      this.logger.debug(`No preflight of ticket #${target.ticketId}: ${(error as Error).message}`);
      return target;
    }
  }

  /** The ticket as `principal` may see it; null when it does not exist or is out of their scope. */
  private async ticketAs(principal: Principal, id: number): Promise<TicketView | null> {
    try {
      return await this.tickets.send(TicketPatterns.Get, { principal, id });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.TicketNotFound) {
        return null;
      }
      throw error;
    }
  }

  private async acceptUnlessLimited(target: Omit<Target, 'action' | 'reason' | 'detail'>): Promise<Target> {
    if (target.routeKey !== null) {
      const recent = await this.mails.countRecent(target.routeKey, HOUR_MS);
      if (recent >= this.config.ratePerTokenPerHour) {
        return {
          ...target,
          action: 'ignore',
          reason: InboundMailReason.RateLimited,
          detail: `More than ${this.config.ratePerTokenPerHour} messages in an hour through the same address: a loop?`,
        };
      }
    }
    return { ...target, action: 'accept', reason: null, detail: null };
  }
}

function refuse(
  base: Partial<Target> & Pick<Target, 'route' | 'routeKey'>,
  reason: InboundMailReason,
  detail: string,
  reply: SmtpReply,
): Target {
  return {
    ticketId: null,
    departmentId: null,
    author: null,
    noteReason: null,
    noteFrom: null,
    ...base,
    action: 'refuse',
    reason,
    detail,
    reply,
  };
}

/** The route key of mail about a ticket from one person, whatever matched it: rate limit and duplicates share it. */
export function ticketRouteKey(ticketId: number, who: { kind: PrincipalKind; id: number }): string {
  return `ticket:${ticketId}:${who.kind === PrincipalKind.Client ? 'c' : 's'}${who.id}`;
}

function unique<T, K>(items: T[], key: (item: T) => K): T[] {
  const seen = new Set<K>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
}
