import { parseDuration } from '@helpdesk/config';
import { Queues } from '@helpdesk/contracts';

/** Shortest period a job may have: a tighter loop would only hammer the services. */
export const MIN_INTERVAL_MS = 500;

/** A job's period: a duration (bare numbers are minutes), at least MIN_INTERVAL_MS. */
export function parseInterval(input: string): number {
  const ms = parseDuration(input, 'm');
  if (ms < MIN_INTERVAL_MS) {
    throw new Error(
      `"${input}" is too short a period (at least ${MIN_INTERVAL_MS} ms; turn a job off with its ENABLE_* flag)`,
    );
  }
  return ms;
}

/** A comma-separated list of services (their RPC queue names). */
export function parseServiceList(input: string): string[] {
  const known = new Set<string>(Object.values(Queues));
  const names = [
    ...new Set(
      input
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`unknown service(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  return names;
}

/** `everyMs` as operators write it: `5m`, `1h`, `90s`, `250ms`. */
export function formatInterval(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${ms}ms`;
}
