import {
  AutoCloseFacts,
  EmailKind,
  EventActor,
  MessageFacts,
  PrincipalKind,
  TicketFacts,
  TicketPriority,
  TicketStatus,
} from '@helpdesk/contracts';
import { REPLY_ABOVE_LINE } from '@helpdesk/mail';

import { html, SafeHtml, textToHtml } from './html';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateInput {
  kind: EmailKind;
  ticket: TicketFacts;
  actor: EventActor;
  message?: MessageFacts;
  /** ticket.closed: `manual` or `auto`. */
  reason?: string;
  /** ticket.closed (auto) and ticket.auto-close-reminder: the inactivity window. */
  autoClose?: AutoCloseFacts;
  recipient: { kind: PrincipalKind; name: string };
  /** The ticket in the client portal or the admin, whichever the recipient uses. */
  ticketUrl: string;
  /** Public messages: the other people on the ticket who received it, as `Name <address>`. */
  alsoTo?: string[];
}

interface Body {
  intro: string;
  quote?: { label: string; text: string };
  afterQuote?: string;
  replyHint: string;
}

const STATUS_NAMES: Record<TicketStatus, string> = {
  [TicketStatus.Open]: 'Open',
  [TicketStatus.Answered]: 'Answered',
  [TicketStatus.CustomerReply]: 'Customer Reply',
  [TicketStatus.InProgress]: 'In Progress',
  [TicketStatus.OnHold]: 'On Hold',
  [TicketStatus.Closed]: 'Closed',
};

const PRIORITY_NAMES: Record<TicketPriority, string> = {
  [TicketPriority.Low]: 'Low',
  [TicketPriority.Medium]: 'Medium',
  [TicketPriority.High]: 'High',
  [TicketPriority.Urgent]: 'Urgent',
};

/**
 * Every mail of a ticket has the same subject, `[#1042] Subject`: Gmail and Apple Mail thread
 * only mails whose subjects match, and the number is how people quote a ticket.
 */
export function ticketSubject(ticket: Pick<TicketFacts, 'id' | 'subject'>): string {
  return `[#${ticket.id}] ${ticket.subject.replace(/\s+/g, ' ').trim()}`;
}

/** The subject, a plain-text body readable on its own, and the same as escaped HTML. */
export function renderMail(input: TemplateInput): MailContent {
  const body = bodyFor(input);
  const footer = `Ticket #${input.ticket.id} · ${input.ticket.departmentName} · ${STATUS_NAMES[input.ticket.status] ?? input.ticket.status}`;
  return {
    subject: ticketSubject(input.ticket),
    text: renderText(input, body, footer),
    html: renderHtml(input, body, footer).value,
  };
}

function bodyFor({ kind, ticket, actor, message, reason, autoClose, recipient }: TemplateInput): Body {
  const number = `#${ticket.id}`;
  const quoted = `${number} "${ticket.subject}"`;
  const staffHint = 'Reply to this email to answer on the ticket: the client will see your reply.';
  const clientHint = 'Reply to this email to add to your ticket.';
  const byStaffForClient = actor.kind === PrincipalKind.Staff && recipient.kind === PrincipalKind.Client;
  switch (kind) {
    case EmailKind.Acknowledgement:
      return {
        intro: byStaffForClient
          ? `${actor.name} opened ticket ${quoted} for you in ${ticket.departmentName}.`
          : `We received your request and opened ticket ${quoted} in ${ticket.departmentName}. We will answer you by email.`,
        quote: message && { label: byStaffForClient ? `${actor.name} wrote:` : 'Your message:', text: message.body },
        replyHint: clientHint,
      };
    case EmailKind.NewTicket:
      return {
        intro:
          actor.kind === PrincipalKind.Staff
            ? `${actor.name} opened ticket ${quoted} for ${ticket.clientName} in ${ticket.departmentName} (priority ${PRIORITY_NAMES[ticket.priority]}).`
            : `${ticket.clientName} opened ticket ${quoted} in ${ticket.departmentName} (priority ${PRIORITY_NAMES[ticket.priority]}).`,
        quote: message && { label: `${actor.name} wrote:`, text: message.body },
        replyHint: staffHint,
      };
    case EmailKind.StaffReply:
      return {
        intro: `${actor.name} replied to your ticket ${quoted}.`,
        quote: message && { label: `${actor.name} wrote:`, text: message.body },
        replyHint: clientHint,
      };
    case EmailKind.ClientReply:
      return {
        intro:
          actor.kind === PrincipalKind.Client && actor.id !== ticket.clientId
            ? `${actor.name}, on Cc, replied on ticket ${quoted} of ${ticket.clientName}.`
            : `${ticket.clientName} replied on ticket ${quoted}.`,
        quote: message && { label: `${actor.name} wrote:`, text: message.body },
        replyHint: staffHint,
      };
    case EmailKind.InternalNote:
      return {
        intro: `${actor.name} added an internal note on ticket ${quoted}. Notes are for staff only.`,
        quote: message && { label: 'Note:', text: message.body },
        replyHint: 'Reply to this email to add another internal note: the client will not see it.',
      };
    case EmailKind.Assigned:
      return {
        intro:
          actor.kind === 'system'
            ? `Ticket ${quoted} from ${ticket.clientName} was assigned to you.`
            : `${actor.name} assigned ticket ${quoted} from ${ticket.clientName} to you.`,
        afterQuote: `Department: ${ticket.departmentName}. Priority: ${PRIORITY_NAMES[ticket.priority]}. Status: ${STATUS_NAMES[ticket.status]}.`,
        replyHint: staffHint,
      };
    case EmailKind.Closed:
      return {
        intro:
          reason === 'auto' || actor.kind === 'system'
            ? `Your ticket ${quoted} was closed automatically, as it saw no activity ${inactivity(autoClose)}.`
            : `${actor.name} closed your ticket ${quoted}.`,
        afterQuote: 'If you still need help, reply to this email and the ticket opens again.',
        replyHint: clientHint,
      };
    case EmailKind.CcMessage:
      return {
        intro:
          actor.kind === PrincipalKind.Staff
            ? `${actor.name} replied on ticket ${quoted}, which you are on.`
            : `${actor.name} wrote on ticket ${quoted}, which you are on.`,
        quote: message && { label: `${actor.name} wrote:`, text: message.body },
        replyHint: 'Reply to this email to answer on the ticket: everyone on it will see your reply.',
      };
    case EmailKind.Mention:
      return {
        intro: `${actor.name} mentioned you in an internal note on ticket ${quoted}. Notes are for staff only; you now follow the ticket.`,
        quote: message && { label: 'Note:', text: message.body },
        replyHint: 'Reply to this email to add another internal note: the client will not see it.',
      };
    case EmailKind.FollowedChange:
      return {
        intro: `${actor.kind === 'system' ? 'The system' : actor.name} changed ticket ${quoted}, which you follow.`,
        afterQuote: `Status: ${STATUS_NAMES[ticket.status]}. Assignee: ${ticket.assigneeName ?? 'nobody'}. Priority: ${PRIORITY_NAMES[ticket.priority]}.`,
        replyHint: staffHint,
      };
    case EmailKind.AutoCloseReminder:
      return {
        intro: `Your ticket ${quoted} is waiting for your reply. It will be closed automatically${closingDay(autoClose)} unless you answer.`,
        afterQuote: 'If your issue is solved, there is nothing to do. If not, just reply to this email.',
        replyHint: clientHint,
      };
  }
}

function inactivity(autoClose: AutoCloseFacts | undefined): string {
  const days = autoClose?.windowDays;
  if (!days || days < 1) {
    return 'for a while';
  }
  const whole = Math.round(days);
  return `for ${whole} day${whole === 1 ? '' : 's'}`;
}

function closingDay(autoClose: AutoCloseFacts | undefined): string {
  const at = autoClose ? new Date(autoClose.closesAt) : null;
  if (!at || Number.isNaN(at.getTime())) {
    return '';
  }
  const day = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return autoClose && autoClose.daysLeft > 0
    ? ` on ${day} (in ${autoClose.daysLeft} day${autoClose.daysLeft === 1 ? '' : 's'})`
    : ` on ${day}`;
}

function renderText(input: TemplateInput, body: Body, footer: string): string {
  const lines = [REPLY_ABOVE_LINE, '', `Hello ${input.recipient.name},`, '', body.intro, ''];
  if (body.quote) {
    lines.push(body.quote.label, '', body.quote.text.replace(/\r\n/g, '\n'), '');
  }
  if (body.afterQuote) {
    lines.push(body.afterQuote, '');
  }
  if (input.alsoTo?.length) {
    lines.push(alsoSentTo(input.alsoTo), '');
  }
  lines.push(`View the ticket: ${input.ticketUrl}`, '', body.replyHint, '', '-- ', footer, '');
  return lines.join('\n');
}

function renderHtml(input: TemplateInput, body: Body, footer: string): SafeHtml {
  const font =
    'font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;';
  return html`<!doctype html>
    <html>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${ticketSubject(input.ticket)}</title>
      </head>
      <body style="margin: 0; padding: 16px; ${font}">
        <p style="color: #8c959f; font-size: 12px;">${REPLY_ABOVE_LINE}</p>
        <p>Hello ${input.recipient.name},</p>
        <p>${body.intro}</p>
        ${
          body.quote
            ? html`<p style="margin-bottom: 4px; color: #59636e;">${body.quote.label}</p>
                <div style="border-left: 3px solid #d1d9e0; padding: 4px 12px; margin: 0 0 16px;">
                  ${textToHtml(body.quote.text)}
                </div>`
            : null
        }
        ${body.afterQuote ? html`<p>${body.afterQuote}</p>` : null}
        ${input.alsoTo?.length ? html`<p style="color: #59636e;">${alsoSentTo(input.alsoTo)}</p>` : null}
        <p><a href="${input.ticketUrl}" style="color: #0969da;">View ticket #${input.ticket.id}</a></p>
        <p style="color: #59636e;">${body.replyHint}</p>
        <p style="color: #59636e; font-size: 13px; border-top: 1px solid #d1d9e0; padding-top: 8px;">${footer}</p>
      </body>
    </html> `;
}

function alsoSentTo(people: string[]): string {
  return `Also sent to ${people.join(', ')}.`;
}
