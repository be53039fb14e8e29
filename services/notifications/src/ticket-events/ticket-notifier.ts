import { Inject, Injectable, Logger } from '@nestjs/common';
import { EmailKind, PrincipalKind, TicketEvent } from '@helpdesk/contracts';
import { newMessageId, replyAddress, ReplyAddressing, ReplyTokenPurpose, ReplyTokens } from '@helpdesk/mail';

import { renderMail } from '../composing/mail-templates';
import { MailRelay } from '../outgoing-mails/mail-relay';
import { MailDraft, OutgoingMailsRepository } from '../outgoing-mails/outgoing-mails.repository';
import { NotificationOptions, noticesFor, Person, selectRecipients } from './notification-rules';
import { Recipients } from './recipients';

export const NOTIFIER_OPTIONS = Symbol('NOTIFIER_OPTIONS');
export interface NotifierOptions extends NotificationOptions {
  addressing: ReplyAddressing;
  /** PUBLIC_URL: the web app, with clients' tickets under /client and staff's under /admin. */
  publicUrl: string;
}

/** Turns a ticket event into recorded mails, one per recipient, at most once per event. */
@Injectable()
export class TicketNotifier {
  private readonly logger = new Logger(TicketNotifier.name);

  constructor(
    @Inject(NOTIFIER_OPTIONS) private readonly options: NotifierOptions,
    private readonly recipients: Recipients,
    private readonly mails: OutgoingMailsRepository,
    private readonly tokens: ReplyTokens,
    private readonly relay: MailRelay,
  ) {}

  async handle(event: TicketEvent): Promise<void> {
    const notices = noticesFor(event, this.options);
    if (notices.length === 0 || (await this.mails.isProcessed(event.eventId))) {
      return;
    }
    const chosen: Person[] = [];
    const kinds: EmailKind[] = [];
    const candidates = await Promise.all(notices.map((notice) => this.recipients.of(notice.audience, event)));
    notices.forEach((notice, i) => {
      for (const person of selectRecipients(notice, candidates[i], event, chosen)) {
        chosen.push(person);
        kinds.push(notice.kind);
      }
    });
    // Those on the customer's side each learn who else received a public message.
    const customers = event.payload.message?.internal ? [] : chosen.filter((p) => p.kind === PrincipalKind.Client);
    const drafts = chosen.map((person, i) =>
      this.draft(
        event,
        kinds[i],
        person,
        person.kind === PrincipalKind.Client
          ? customers.filter((other) => other !== person).map((other) => `${other.name} <${other.email}>`)
          : [],
      ),
    );
    const recorded = await this.mails.record(event, drafts);
    if (recorded > 0) {
      this.relay.poke();
      this.logger.log(
        `Event '${event.eventId}' (${event.name}) of ticket #${event.payload.ticket.id} gave ${recorded} mail(s)`,
      );
    }
  }

  private draft(event: TicketEvent, kind: MailDraft['kind'], recipient: Person, alsoTo: string[]): MailDraft {
    const { ticket, actor, message, reason, autoClose } = event.payload;
    // Answering a note notification may only add another note, never a public reply.
    const token = this.tokens.sign({
      ticketId: ticket.id,
      recipient: { kind: recipient.kind, id: recipient.id },
      purpose: tokenPurpose(kind, recipient, ticket.clientId),
    });
    const content = renderMail({
      kind,
      ticket,
      actor,
      message,
      reason,
      autoClose,
      recipient: { kind: recipient.kind, name: recipient.name },
      alsoTo,
      ticketUrl: this.ticketUrl(ticket.id, recipient.kind),
    });
    return {
      kind,
      ticketId: ticket.id,
      departmentId: ticket.departmentId,
      recipient,
      ...content,
      replyTo: replyAddress(this.options.addressing, token),
      fromAddress: ticket.writtenTo ?? null,
      messageId: newMessageId(ticket.id, this.options.addressing.domain),
      threadKey: `${this.options.addressing.domain}:${ticket.id}`,
    };
  }

  private ticketUrl(ticketId: number, kind: PrincipalKind): string {
    const base = this.options.publicUrl.replace(/\/+$/, '');
    return kind === PrincipalKind.Client ? `${base}/client/tickets/${ticketId}` : `${base}/admin/tickets/${ticketId}`;
  }
}

/** Note mails answer only as notes; a CC's token says so, since a CC can be removed and the ticket's client cannot. */
function tokenPurpose(kind: MailDraft['kind'], recipient: Person, clientId: number): ReplyTokenPurpose {
  if (kind === EmailKind.InternalNote || kind === EmailKind.Mention) {
    return 'note';
  }
  return recipient.kind === PrincipalKind.Client && recipient.id !== clientId ? 'cc' : 'reply';
}
