import { addressOf, isSystemAddress } from './system-addresses';

const system = { replyDomain: 'help.example.test', addresses: ['support@example.test', 'billing@example.test'] };

describe(isSystemAddress.name, () => {
  it.each([
    ['reply+1-c2-abc@help.example.test', true],
    ['Anyone@HELP.example.test', true],
    ['Billing@example.test', true],
    ['colleague@example.test', false],
    ['someone@sub.help.example.test', false],
  ])('%s: %s', (email, expected) => {
    expect(isSystemAddress(email, system)).toBe(expected);
  });
});

describe(addressOf.name, () => {
  it.each([
    ['Helpdesk <Support@Example.test>', 'support@example.test'],
    ['support@example.test', 'support@example.test'],
  ])('%s', (mailbox, expected) => {
    expect(addressOf(mailbox)).toBe(expected);
  });
});
