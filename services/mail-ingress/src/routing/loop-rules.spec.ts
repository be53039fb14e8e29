import { InboundMailReason } from '@helpdesk/contracts';

import { EMPTY_HEADER_SUMMARY, HeaderSummary } from '../mail/header-summary';
import { loopVerdict } from './loop-rules';

const OWN = ['support@helpdesk.test'];
const person: HeaderSummary = { ...EMPTY_HEADER_SUMMARY, from: 'casey@client.test', subject: 'Re: [#4] Invoice' };
const verdict = (headers: Partial<HeaderSummary>, envelopeFrom = 'casey@client.test') =>
  loopVerdict({ ...person, ...headers }, envelopeFrom, OWN)?.reason ?? null;

describe(loopVerdict.name, () => {
  it('lets a message a person wrote through', () => {
    expect(verdict({})).toBeNull();
    expect(verdict({ autoSubmitted: 'no' })).toBeNull();
    expect(verdict({ autoSubmitted: 'no; comment' })).toBeNull();
    expect(verdict({ precedence: 'first-class' })).toBeNull();
  });

  it.each<[string, Partial<HeaderSummary>, string, InboundMailReason]>([
    ['a null reverse-path', {}, '', InboundMailReason.Bounce],
    ['a DSN', { contentType: 'multipart/report', reportType: 'delivery-status' }, 'x@y.test', InboundMailReason.Bounce],
    ['MAILER-DAEMON', { from: 'mailer-daemon@mx.client.test' }, 'bounces@mx.client.test', InboundMailReason.Bounce],
    ['postmaster as envelope sender', {}, 'Postmaster@client.test', InboundMailReason.Bounce],
    [
      'Auto-Submitted: auto-replied',
      { autoSubmitted: 'auto-replied' },
      'casey@client.test',
      InboundMailReason.AutoReply,
    ],
    [
      'Auto-Submitted: auto-generated',
      { autoSubmitted: 'auto-generated' },
      'casey@client.test',
      InboundMailReason.AutoReply,
    ],
    ['X-Autoreply', { xAutoreply: true }, 'casey@client.test', InboundMailReason.AutoReply],
    ['X-Autorespond', { xAutorespond: true }, 'casey@client.test', InboundMailReason.AutoReply],
    ['Precedence: bulk', { precedence: 'bulk' }, 'casey@client.test', InboundMailReason.Bulk],
    ['Precedence: junk', { precedence: 'junk' }, 'casey@client.test', InboundMailReason.Bulk],
    ['Precedence: list', { precedence: 'list' }, 'casey@client.test', InboundMailReason.MailingList],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }, 'casey@client.test', InboundMailReason.AutoReply],
    ['a List-Id', { listId: true }, 'casey@client.test', InboundMailReason.MailingList],
    ['our From address', { from: 'support@helpdesk.test' }, 'support@helpdesk.test', InboundMailReason.OwnMail],
    ['our envelope sender', {}, 'SUPPORT@helpdesk.test', InboundMailReason.OwnMail],
    ['our notification header', { helpdeskHeader: true }, 'casey@client.test', InboundMailReason.OwnMail],
  ])('drops %s', (_, headers, envelopeFrom, reason) => {
    expect(verdict(headers, envelopeFrom)).toBe(reason);
  });

  it('explains itself', () => {
    expect(loopVerdict({ ...person, autoSubmitted: 'auto-replied' }, 'casey@client.test', OWN)?.detail).toContain(
      'auto-replied',
    );
  });
});
