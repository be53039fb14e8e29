import { RawGrants } from './raw-grants';

describe(RawGrants.name, () => {
  let now = 1_000_000;
  const grants = new RawGrants('a-test-secret-of-sufficient-length', 60_000, () => now);

  it('grants reading one message until it expires', () => {
    const { token, expiresAt } = grants.sign(42);
    expect(expiresAt).toBe(new Date(1_060_000).toISOString());
    expect(grants.verify(token, 42)).toBe(true);
    expect(grants.verify(token, 43)).toBe(false);
    now = 1_060_001;
    expect(grants.verify(token, 42)).toBe(false);
    now = 1_000_000;
  });

  it('refuses altered and foreign tokens', () => {
    const { token } = grants.sign(42);
    expect(grants.verify(token.replace(/^42\./, '43.'), 43)).toBe(false);
    expect(grants.verify(token.replace(/\.(\d+)\./, '.9999999999999.'), 42)).toBe(false);
    expect(grants.verify(new RawGrants('another-secret-of-enough-length', 60_000, () => now).sign(42).token, 42)).toBe(
      false,
    );
    expect(grants.verify('garbage', 42)).toBe(false);
  });
});
