import { afterAttempt, RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { retryBaseMs: 10_000, retryMaxMs: 3_600_000, giveUpAfterMs: 24 * 3_600_000 };
const start = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('afterAttempt', () => {
  it.each([200, 201, 204, 299])('counts %i as delivered', (code) => {
    expect(afterAttempt(policy, code, 1, start, start)).toEqual({ kind: 'succeeded' });
  });

  it('gives up at once on 410 Gone', () => {
    expect(afterAttempt(policy, 410, 1, start, start)).toEqual({ kind: 'dead' });
  });

  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [10, 3_600_000],
    [60, 3_600_000],
  ])('after attempt %i waits %i ms', (attempts, delay) => {
    expect(afterAttempt(policy, 500, attempts, start, start)).toEqual({ kind: 'retry', nextAttemptAt: at(delay) });
  });

  it.each([null, 301, 404, 500])('retries an answer of %p', (code) => {
    expect(afterAttempt(policy, code, 1, start, start).kind).toBe('retry');
  });

  it('is dead once the next attempt would fall after the retry window', () => {
    expect(afterAttempt(policy, 503, 30, start, at(23 * 3_600_000)).kind).toBe('retry');
    expect(afterAttempt(policy, 503, 30, start, at(23.5 * 3_600_000)).kind).toBe('dead');
  });
});
