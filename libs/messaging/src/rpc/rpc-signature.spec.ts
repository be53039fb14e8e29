import { SignedRequest, signRpc, verifyRpc } from './rpc-signature';

const KEY = 'test-internal-signing-key';
const NOW = 1_800_000_000_000;

function makeRequest(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    pattern: 'departments.create',
    correlationId: 'c-1',
    payload: { name: 'Billing', principal: { kind: 'staff', id: 7, role: 'staff' } },
    expiresAt: NOW + 5_000,
    ...overrides,
  };
}

describe(verifyRpc.name, () => {
  it('accepts a request as it was signed', () => {
    const request = makeRequest();
    expect(verifyRpc(KEY, request, signRpc(KEY, request), NOW)).toBe('valid');
  });

  it('accepts a request whose payload went through JSON, as the broker delivers it', () => {
    const request = makeRequest({ payload: { at: new Date(NOW), skipped: undefined, list: [1, 'a'] } });
    const delivered = { ...request, payload: JSON.parse(JSON.stringify(request.payload)) as unknown };
    expect(verifyRpc(KEY, delivered, signRpc(KEY, request), NOW)).toBe('valid');
  });

  it.each([
    ['the principal', { payload: { name: 'Billing', principal: { kind: 'staff', id: 7, role: 'admin' } } }],
    ['the pattern', { pattern: 'departments.delete' }],
    ['the correlation id', { correlationId: 'c-2' }],
    ['the expiry', { expiresAt: NOW + 60_000 }],
  ])('refuses a request when %s changed after signing', (_, change) => {
    const signature = signRpc(KEY, makeRequest());
    expect(verifyRpc(KEY, makeRequest(change), signature, NOW)).toBe('tampered');
  });

  it('refuses a request signed with another key', () => {
    const request = makeRequest();
    expect(verifyRpc(KEY, request, signRpc('another-key', request), NOW)).toBe('tampered');
  });

  it.each([undefined, 42, ''])('calls a request with signature %p unsigned or tampered, never valid', (signature) => {
    expect(verifyRpc(KEY, makeRequest(), signature, NOW)).not.toBe('valid');
  });

  it('calls a request without an expiry unsigned', () => {
    const request = makeRequest({ expiresAt: Number.NaN });
    expect(verifyRpc(KEY, request, signRpc(KEY, request), NOW)).toBe('unsigned');
  });

  it('refuses a request past its expiry, allowing two seconds of clock skew', () => {
    const request = makeRequest({ expiresAt: NOW - 1_000 });
    const signature = signRpc(KEY, request);
    expect(verifyRpc(KEY, request, signature, NOW)).toBe('valid');
    expect(verifyRpc(KEY, request, signature, NOW + 1_001)).toBe('expired');
  });
});
