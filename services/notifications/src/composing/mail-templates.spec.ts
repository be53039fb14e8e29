import {
  EmailKind,
  EventActor,
  MessageVia,
  PrincipalKind,
  TicketFacts,
  TicketPriority,
  TicketStatus,
} from '@helpdesk/contracts';
import { REPLY_ABOVE_LINE } from '@helpdesk/mail';

import { renderMail, TemplateInput, ticketSubject } from './mail-templates';

const ticket: TicketFacts = {
  id: 1042,
  subject: 'Invoice 2041 charged twice',
  status: TicketStatus.Answered,
  priority: TicketPriority.High,
  departmentId: 3,
  departmentName: 'Billing',
  clientId: 17,
  clientName: 'Olivia Owner',
  assigneeId: null,
  assigneeName: null,
};
const alice: EventActor = { kind: PrincipalKind.Staff, id: 5, name: 'Alice Agent' };
const olivia: EventActor = { kind: PrincipalKind.Client, id: 17, name: 'Olivia Owner' };
const message = (body: string, internal = false) => ({ id: 9, body, internal, via: MessageVia.Web });

const input = (overrides: Partial<TemplateInput>): TemplateInput => ({
  kind: EmailKind.StaffReply,
  ticket,
  actor: alice,
  message: message('We refunded the second charge.'),
  recipient: { kind: PrincipalKind.Client, name: 'Olivia Owner' },
  ticketUrl: 'https://help.example.com/client/tickets/1042',
  ...overrides,
});

describe(renderMail.name, () => {
  it.each([
    [EmailKind.Acknowledgement, olivia, 'We received your request and opened ticket #1042'],
    [EmailKind.Acknowledgement, alice, 'Alice Agent opened ticket #1042 "Invoice 2041 charged twice" for you'],
    [
      EmailKind.NewTicket,
      olivia,
      'Olivia Owner opened ticket #1042 "Invoice 2041 charged twice" in Billing (priority High)',
    ],
    [EmailKind.NewTicket, alice, 'Alice Agent opened ticket #1042 "Invoice 2041 charged twice" for Olivia Owner'],
    [EmailKind.StaffReply, alice, 'Alice Agent replied to your ticket #1042'],
    [EmailKind.ClientReply, olivia, 'Olivia Owner replied on ticket #1042'],
    [EmailKind.InternalNote, alice, 'Alice Agent added an internal note on ticket #1042'],
    [
      EmailKind.Assigned,
      alice,
      'Alice Agent assigned ticket #1042 "Invoice 2041 charged twice" from Olivia Owner to you',
    ],
    [EmailKind.Closed, alice, 'Alice Agent closed your ticket #1042'],
  ])('%s by %o says what happened in text and HTML', (kind, actor, sentence) => {
    const mail = renderMail(input({ kind, actor }));
    expect(mail.subject).toBe('[#1042] Invoice 2041 charged twice');
    expect(mail.text).toContain(sentence);
    expect(mail.html).toContain(sentence.replace(/"/g, '&quot;'));
    expect(mail.text).toContain('https://help.example.com/client/tickets/1042');
    expect(mail.html).toContain('href="https://help.example.com/client/tickets/1042"');
    expect(mail.text).toContain('Ticket #1042 · Billing · Answered');
  });

  it('starts with the reply marker, so a reply typed above it is cut there even without an attribution', () => {
    const mail = renderMail(input({}));
    expect(mail.text.split('\n')[0]).toBe(REPLY_ABOVE_LINE);
    expect(mail.html).toContain(REPLY_ABOVE_LINE);
  });

  it('quotes the message in the text body as written, and escaped in HTML', () => {
    const body = 'Look: <script>alert("pwned")</script>\nSecond line & more';
    const mail = renderMail(input({ message: message(body) }));
    expect(mail.text).toContain(body);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;<br>\nSecond line &amp; more');
  });

  it('escapes names and subjects too', () => {
    const mail = renderMail(
      input({
        ticket: { ...ticket, subject: '<img src=x onerror=alert(1)>' },
        actor: { ...alice, name: '<b>Mallory</b>' },
        recipient: { kind: PrincipalKind.Client, name: '"><svg onload=alert(1)>' },
      }),
    );
    expect(mail.html).not.toMatch(/<img|<svg|<b>Mallory/);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.subject).toBe('[#1042] <img src=x onerror=alert(1)>');
  });

  it('names the inactivity window of an automatic close, and the day of a reminder', () => {
    const system: EventActor = { kind: 'system', id: null, name: 'Auto-close' };
    const autoClose = { windowMs: 7 * 86_400_000, windowDays: 7, closesAt: '2026-03-09T10:00:00.000Z', daysLeft: 2 };
    const closed = renderMail(
      input({ kind: EmailKind.Closed, actor: system, reason: 'auto', autoClose: { ...autoClose, daysLeft: 0 } }),
    );
    expect(closed.text).toContain('was closed automatically, as it saw no activity for 7 days.');
    const reminder = renderMail(input({ kind: EmailKind.AutoCloseReminder, actor: system, reason: 'auto', autoClose }));
    expect(reminder.subject).toBe('[#1042] Invoice 2041 charged twice');
    expect(reminder.text).toContain('It will be closed automatically on 9 March 2026 (in 2 days) unless you answer.');
    expect(reminder.html).toContain('It will be closed automatically on 9 March 2026 (in 2 days) unless you answer.');
  });

  it('says when a ticket was closed automatically', () => {
    const mail = renderMail(
      input({ kind: EmailKind.Closed, actor: { kind: 'system', id: null, name: 'System' }, reason: 'auto' }),
    );
    expect(mail.text).toContain('was closed automatically');
    expect(mail.text).toContain('reply to this email and the ticket opens again');
  });

  it('tells staff that their reply by email reaches the client', () => {
    const mail = renderMail(
      input({ kind: EmailKind.ClientReply, actor: olivia, recipient: { kind: PrincipalKind.Staff, name: 'Alice' } }),
    );
    expect(mail.text).toContain('the client will see your reply');
  });

  it('tells staff that a reply to a note notification adds another internal note', () => {
    const mail = renderMail(
      input({
        kind: EmailKind.InternalNote,
        message: message('Refund approved by finance.', true),
        recipient: { kind: PrincipalKind.Staff, name: 'Bob' },
      }),
    );
    const hint = 'Reply to this email to add another internal note: the client will not see it.';
    expect(mail.text).toContain(hint);
    expect(mail.html).toContain(hint);
    expect(mail.text).not.toContain('the client will see your reply');
  });
});

describe(ticketSubject.name, () => {
  it('puts the number first and keeps the subject on one line', () => {
    expect(ticketSubject({ id: 7, subject: ' Two\r\nlines\tand  tabs ' })).toBe('[#7] Two lines and tabs');
  });
});
