import { RefusalLimits } from './refusal-limits';

const HOUR_MS = 3_600_000;

function limits(now: () => number = () => 0, maxAddresses = 100): RefusalLimits {
  return new RefusalLimits(
    {
      maxRecipientsPerConnection: 5,
      maxRefusalsPerConnection: 2,
      maxRefusalsPerAddressPerHour: 3,
      maxAddresses,
    },
    now,
  );
}

describe(RefusalLimits.name, () => {
  it('judges only so many recipients on one connection', () => {
    const counted = limits();
    const judged = Array.from({ length: 7 }, () => counted.mayJudge('c1', '10.0.0.1'));
    expect(judged).toEqual([true, true, true, true, true, false, false]);
    expect(counted.mayJudge('c2', '10.0.0.1')).toBe(true);
  });

  it('stops a connection after its refusals, and an address after its refusals this hour', () => {
    let now = 0;
    const counted = limits(() => now);
    counted.refused('c1', '10.0.0.1');
    counted.refused('c1', '10.0.0.1');
    expect(counted.mayJudge('c1', '10.0.0.1')).toBe(false);
    expect(counted.mayJudge('c2', '10.0.0.1')).toBe(true);
    counted.refused('c2', '10.0.0.1');
    expect(counted.mayJudge('c2', '10.0.0.1')).toBe(false);
    expect(counted.mayConnect('10.0.0.1')).toBe(false);
    expect(counted.mayConnect('10.0.0.2')).toBe(true);
    now = HOUR_MS;
    expect(counted.mayConnect('10.0.0.1')).toBe(true);
  });

  it('forgets a closed connection', () => {
    const counted = limits();
    counted.refused('c1', '10.0.0.1');
    counted.refused('c1', '10.0.0.1');
    counted.closed('c1');
    expect(counted.mayJudge('c1', '10.0.0.9')).toBe(true);
  });

  it('counts a bounded number of addresses: a new one past it gets no refusals this hour', () => {
    const counted = limits(() => 0, 2);
    counted.refused('c1', '10.0.0.1');
    counted.refused('c2', '10.0.0.2');
    counted.refused('c3', '10.0.0.3');
    expect(counted.refusalsFrom('10.0.0.1')).toBe(1);
    expect(counted.mayConnect('10.0.0.3')).toBe(false);
    expect(counted.mayConnect('10.0.0.2')).toBe(true);
  });
});
