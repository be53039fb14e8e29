import { mailboxAddress, parseSecretList } from './mail-ingress-config';

describe('mail-ingress configuration', () => {
  it.each([
    ['Helpdesk <Support@Example.com>', 'support@example.com'],
    ['support@example.com', 'support@example.com'],
    ['"Help, desk" <help@x.test>', 'help@x.test'],
    ['not a mailbox', null],
    ['<a@b> <c@d>', null],
  ])('reads the address of %p', (value, expected) => {
    expect(mailboxAddress(value)).toBe(expected);
  });

  it('reads previous secrets as a comma-separated list and refuses short ones', () => {
    expect(parseSecretList('')).toEqual([]);
    expect(parseSecretList(' first-secret-0123456789 , second-secret-012345 ')).toEqual([
      'first-secret-0123456789',
      'second-secret-012345',
    ]);
    expect(() => parseSecretList('short')).toThrow(/16/);
  });
});
