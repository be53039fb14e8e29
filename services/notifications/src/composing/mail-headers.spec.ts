import MailComposer from 'nodemailer/lib/mail-composer';

import { ticketMailFrom } from './mail-headers';

/** The From and Reply-To lines nodemailer writes for `from`. */
async function headerLines(from: ReturnType<typeof ticketMailFrom>): Promise<string[]> {
  const raw = await new MailComposer({ from, replyTo: 'reply+token@helpdesk.test', text: 'Hi' }).compile().build();
  return raw
    .toString()
    .split('\r\n')
    .filter((line) => /^(From|Reply-To):/.test(line));
}

describe(ticketMailFrom.name, () => {
  it('is MAIL_FROM for a ticket not written to a support address', () => {
    expect(ticketMailFrom('Helpdesk <support@helpdesk.test>', null)).toBe('Helpdesk <support@helpdesk.test>');
  });

  it("is the address the ticket was written to, under MAIL_FROM's display name", () => {
    expect(ticketMailFrom('Helpdesk <support@helpdesk.test>', 'help@company.test')).toEqual({
      name: 'Helpdesk',
      address: 'help@company.test',
    });
    expect(ticketMailFrom('support@helpdesk.test', 'help@company.test')).toEqual({
      name: '',
      address: 'help@company.test',
    });
  });

  it('leaves quoting and encoding the name to nodemailer, and Reply-To as it is', async () => {
    expect(await headerLines(ticketMailFrom('"Acme, Support" <support@helpdesk.test>', 'help@company.test'))).toEqual([
      'From: "Acme, Support" <help@company.test>',
      'Reply-To: reply+token@helpdesk.test',
    ]);
    expect(await headerLines(ticketMailFrom('Hélpdesk <support@helpdesk.test>', 'help@company.test'))).toEqual([
      'From: =?UTF-8?Q?H=C3=A9lpdesk?= <help@company.test>',
      'Reply-To: reply+token@helpdesk.test',
    ]);
    expect(await headerLines(ticketMailFrom('support@helpdesk.test', 'help@company.test'))).toEqual([
      'From: help@company.test',
      'Reply-To: reply+token@helpdesk.test',
    ]);
  });
});
