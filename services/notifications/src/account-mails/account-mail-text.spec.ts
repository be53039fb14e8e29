import { AccountMailPurpose } from '@helpdesk/contracts';

import { accountLink, accountMailText } from './account-mail-text';

describe('account mail text', () => {
  const payload = {
    name: 'Sally Self',
    email: 'sally@client.test',
    token: 'abc_DEF-123',
    expiresAt: '2026-12-05T10:00:00.000Z',
  };

  it('links confirmations to /verify-email and resets to /reset-password under PUBLIC_URL', () => {
    expect(accountLink('https://help.example.com/', AccountMailPurpose.VerifyEmail, 'a+b/c')).toBe(
      'https://help.example.com/verify-email?token=a%2Bb%2Fc',
    );
    expect(accountLink('https://help.example.com', AccountMailPurpose.ResetPassword, 'x')).toBe(
      'https://help.example.com/reset-password?token=x',
    );
  });

  it('says what the link does, until when, and what to do when it was not asked for', () => {
    const confirm = accountMailText({ ...payload, purpose: AccountMailPurpose.VerifyEmail }, 'https://h.test');
    expect(confirm.subject).toBe('Confirm your address to finish signing up');
    expect(confirm.text).toContain('https://h.test/verify-email?token=abc_DEF-123');
    expect(confirm.text).toContain('Sat, 05 Dec 2026 10:00:00 GMT');
    expect(confirm.text).toContain('If you did not sign up, ignore this mail');

    const reset = accountMailText({ ...payload, purpose: AccountMailPurpose.ResetPassword }, 'https://h.test');
    expect(reset.subject).toBe('Choose a new password');
    expect(reset.text).toContain('https://h.test/reset-password?token=abc_DEF-123');
    expect(reset.text).toContain('your password stays as it is');
  });
});
