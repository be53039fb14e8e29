import { isPublicAddress, resolveTarget } from './address-policy';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])(
    'accepts %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('resolveTarget', () => {
  it('refuses a literal private address unless private addresses are allowed', async () => {
    await expect(resolveTarget(new URL('http://127.0.0.1:9/hook'), false)).resolves.toMatchObject({ ok: false });
    await expect(resolveTarget(new URL('http://127.0.0.1:9/hook'), true)).resolves.toEqual({
      ok: true,
      target: { address: '127.0.0.1', family: 4 },
    });
  });

  it('checks a bracketed IPv6 literal', async () => {
    await expect(resolveTarget(new URL('http://[::1]:9/hook'), false)).resolves.toMatchObject({ ok: false });
  });

  it('checks what a name resolves to', async () => {
    await expect(resolveTarget(new URL('http://localhost:9/hook'), false)).resolves.toMatchObject({ ok: false });
  });
});
