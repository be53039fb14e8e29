/** Answered by every RPC-serving service: a no-op round trip, for readiness checks and benchmarks. */
export const SystemPatterns = {
  Ping: 'system.ping',
} as const;

export interface PingResult {
  service: string;
  at: string;
}
