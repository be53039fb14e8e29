import { ConnectionLimits } from './connection-limits';

describe(ConnectionLimits.name, () => {
  it('refuses the connection past the limit of its address only, and frees slots on close', () => {
    const limits = new ConnectionLimits(2);
    expect(limits.open('a', '10.0.0.1')).toBe(true);
    expect(limits.open('b', '10.0.0.1')).toBe(true);
    expect(limits.open('c', '10.0.0.1')).toBe(false);
    expect(limits.open('d', '10.0.0.2')).toBe(true);
    limits.close('c');
    expect(limits.openFrom('10.0.0.1')).toBe(2);
    limits.close('a');
    limits.close('a');
    expect(limits.openFrom('10.0.0.1')).toBe(1);
    expect(limits.open('e', '10.0.0.1')).toBe(true);
  });
});
