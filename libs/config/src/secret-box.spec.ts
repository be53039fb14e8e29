import { SecretBox } from './secret-box';

describe(SecretBox.name, () => {
  const box = new SecretBox('a key of at least thirty-two characters!', 'helpdesk webhook secret');
  const secret = `whsec_${'ab'.repeat(32)}`;

  it('seals so that the stored value holds nothing of the secret, and opens it again', () => {
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('abab');
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
  });

  it('refuses a value sealed under another key, for another purpose, or altered', () => {
    const sealed = box.seal(secret);
    expect(() =>
      new SecretBox('another key of at least thirty-two chars', 'helpdesk webhook secret').open(sealed),
    ).toThrow();
    expect(() => new SecretBox('a key of at least thirty-two characters!', 'mailbox password').open(sealed)).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => box.open(altered)).toThrow();
  });

  it('opens a secret stored before there was a key as itself', () => {
    expect(box.open(secret)).toBe(secret);
  });
});
