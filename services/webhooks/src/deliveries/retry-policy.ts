export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** Failing for this long (since the first attempt, or a redelivery) makes a delivery dead. */
  giveUpAfterMs: number;
}

export type AttemptOutcome = { kind: 'succeeded' } | { kind: 'retry'; nextAttemptAt: Date } | { kind: 'dead' };

/**
 * What follows an attempt: a 2xx succeeded; 410 Gone is final; any other answer, or none,
 * is retried after an exponentially growing delay until the retry window is over.
 */
export function afterAttempt(
  policy: RetryPolicy,
  responseCode: number | null,
  attempts: number,
  windowStartedAt: Date,
  now: Date,
): AttemptOutcome {
  if (responseCode !== null && responseCode >= 200 && responseCode < 300) {
    return { kind: 'succeeded' };
  }
  if (responseCode === 410) {
    return { kind: 'dead' };
  }
  const delay = Math.min(policy.retryBaseMs * 2 ** Math.min(attempts - 1, 30), policy.retryMaxMs);
  const nextAttemptAt = new Date(now.getTime() + delay);
  if (nextAttemptAt.getTime() - windowStartedAt.getTime() > policy.giveUpAfterMs) {
    return { kind: 'dead' };
  }
  return { kind: 'retry', nextAttemptAt };
}
