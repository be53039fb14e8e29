/** What one service answered to a job's command, or why it did not. */
export type CommandOutcome =
  | { queue: string; ok: true; result: unknown }
  | { queue: string; ok: false; error: { code?: string; message: string } };

export interface RunSummary {
  ok: boolean;
  message: string | null;
  counts: Record<string, number>;
}

/**
 * A run's outcome from its commands' answers: the numbers each answered (summed, and per
 * service when the command went to several), and every failure by service.
 */
export function summarizeRun(outcomes: CommandOutcome[]): RunSummary {
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      const code = outcome.error.code ? `${outcome.error.code}: ` : '';
      failures.push(
        outcomes.length > 1 ? `${outcome.queue}: ${code}${outcome.error.message}` : `${code}${outcome.error.message}`,
      );
      continue;
    }
    for (const [key, value] of Object.entries(numbersIn(outcome.result))) {
      counts[key] = (counts[key] ?? 0) + value;
      if (outcomes.length > 1) {
        counts[`${outcome.queue}.${key}`] = value;
      }
    }
  }
  return { ok: failures.length === 0, message: failures.length > 0 ? failures.join('; ') : null, counts };
}

/** The finite numbers among an answer's top-level fields (a bare number counts as `count`). */
export function numbersIn(result: unknown): Record<string, number> {
  if (typeof result === 'number' && Number.isFinite(result)) {
    return { count: result };
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(result).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    ),
  );
}
