/** Latency summary in milliseconds. */
export interface Latency {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

/** The value below which `p` (0–100) per cent of `sorted` lie (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / (sorted.length || 1),
  };
}

export function median(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The round whose `key` is the median of all rounds (the round itself, so its figures agree). */
export function medianRound<T>(rounds: T[], key: (round: T) => number): T {
  const sorted = [...rounds].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function elapsedMs(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e6;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` on `concurrency` workers until `durationMs` passes; returns completed calls per second. */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  work: (worker: number) => Promise<unknown>,
): Promise<{ completed: number; failed: number; seconds: number; perSecond: number }> {
  let completed = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        try {
          await work(worker);
          completed += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const seconds = elapsedMs(started) / 1000;
  return { completed, failed, seconds, perSecond: completed / seconds };
}

/** Runs `probe` `rounds` times, one after another; the median run by rate. */
export async function medianOfRuns<T extends { perSecond: number }>(
  rounds: number,
  probe: () => Promise<T>,
): Promise<T> {
  const runs: T[] = [];
  for (let index = 0; index < rounds; index++) {
    runs.push(await probe());
  }
  return medianRound(runs, (run) => run.perSecond);
}
