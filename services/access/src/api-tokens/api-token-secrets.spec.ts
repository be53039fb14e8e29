import { displayPrefix, formatToken, hashSecret, newSecret, parseToken, secretMatches } from './api-token-secrets';

describe('API token secrets', () => {
  const id = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

  it('formats a token that parses back to its id and secret, and starts with its listed prefix', () => {
    const secret = newSecret();
    const token = formatToken(id, secret);
    expect(token).toMatch(/^hdk_3f2b8c1e4d5a4b6c8d7e9f0a1b2c3d4e_[A-Za-z0-9_-]{43}$/);
    expect(parseToken(token)).toEqual({ id, secret });
    expect(token.startsWith(displayPrefix(id))).toBe(true);
  });

  it.each([
    ['no prefix', `3f2b8c1e4d5a4b6c8d7e9f0a1b2c3d4e_${'a'.repeat(43)}`],
    ['short secret', `hdk_3f2b8c1e4d5a4b6c8d7e9f0a1b2c3d4e_${'a'.repeat(42)}`],
    ['long secret', `hdk_3f2b8c1e4d5a4b6c8d7e9f0a1b2c3d4e_${'a'.repeat(44)}`],
    ['upper-case id', `hdk_3F2B8C1E4D5A4B6C8D7E9F0A1B2C3D4E_${'a'.repeat(43)}`],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
  ])('refuses %s', (_, token) => {
    expect(parseToken(token)).toBeNull();
  });

  it('matches only the secret it hashed', () => {
    const secret = newSecret();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newSecret(), hashSecret(secret))).toBe(false);
  });
});
