/** How long an account stays locked to one address after its `failedAttempts`-th failure in a row from it. */
export function lockoutAfterFailure(failedAttempts: number, maxFailures: number): number {
  if (failedAttempts < maxFailures) {
    return 0;
  }
  const doublings = Math.min(failedAttempts - maxFailures, 10);
  return Math.min(30_000 * 2 ** doublings, 15 * 60_000);
}
