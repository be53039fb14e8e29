import { EmailKind, EmailState, PrincipalKind } from '@helpdesk/contracts';

import { OutgoingMail } from './outgoing-mail.entity';
import { toTicketEmailView } from './outgoing-mail.mapper';

const token = '1042-c17-abcdefghijklmnopqrst';

const recorded = (overrides: Partial<OutgoingMail>): OutgoingMail =>
  Object.assign(new OutgoingMail(), {
    id: '5',
    eventId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    eventName: 'ticket.replied',
    kind: EmailKind.StaffReply,
    ticketId: '1042',
    departmentId: 3,
    recipientKind: PrincipalKind.Client,
    recipientId: 17,
    recipientName: 'Olivia',
    recipientEmail: 'olivia@client.test',
    subject: '[#1042] Help',
    messageId: '<t1042.abcdefghijkl@helpdesk.test>',
    inReplyTo: null,
    referenceIds: [],
    replyTo: `reply+${token}@helpdesk.test`,
    headers: {},
    textBody: 'text',
    htmlBody: '<p>html</p>',
    state: EmailState.Sent,
    attempts: 1,
    nextAttemptAt: new Date('2026-01-01T00:00:00Z'),
    lastError: null,
    skipReason: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    sentAt: new Date('2026-01-01T00:00:01Z'),
    ...overrides,
  });

describe(toTicketEmailView.name, () => {
  it('shows no reply token, not even in a Message-ID recorded when they carried one, nor in an SMTP error', () => {
    const view = toTicketEmailView(
      recorded({
        messageId: `<${token}.abcdefghijkl@helpdesk.test>`,
        state: EmailState.Pending,
        lastError: `EENVELOPE: 451 try later for reply+${token}@helpdesk.test`,
      }),
    );
    expect(JSON.stringify(view)).not.toContain(token);
    const masked = '*'.repeat(token.length);
    expect(view.messageId).toBe(`<${masked}.abcdefghijkl@helpdesk.test>`);
    expect(view.lastError).toBe(`EENVELOPE: 451 try later for reply+${masked}@helpdesk.test`);
  });

  it('says why a skipped mail was not sent', () => {
    const view = toTicketEmailView(
      recorded({ state: EmailState.Skipped, sentAt: null, skipReason: 'Alan was deactivated' }),
    );
    expect(view).toMatchObject({
      id: 5,
      ticketId: 1042,
      state: EmailState.Skipped,
      skipReason: 'Alan was deactivated',
    });
  });
});
