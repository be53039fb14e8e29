/** Answered by every RPC-serving service: a no-op round trip, for readiness checks and benchmarks. */
export const SystemPatterns = {
  Ping: 'system.ping',
  /**
   * Publishes every pending outbox row now. Answered by services with an outbox (tickets,
   * access), sent by the scheduler's outbox re-drive. Idempotent: rows are published once.
   */
  RelayOutbox: 'system.relay-outbox',
} as const;

export interface PingResult {
  service: string;
  at: string;
}

export interface RelayOutboxResult {
  service: string;
  /** Outbox rows this pass published (0 when the service's own relay had already sent them). */
  published: number;
}

/** The commands of `SystemPatterns`, as a typed RPC map. */
export interface SystemRpc {
  [SystemPatterns.Ping]: { payload: Record<string, never>; result: PingResult };
  [SystemPatterns.RelayOutbox]: { payload: Record<string, never>; result: RelayOutboxResult };
}
