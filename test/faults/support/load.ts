import { ApiClient, World } from '@helpdesk/testing';
import { Client } from 'pg';

/** One client request of the load: what was asked, what came back, when. */
interface Outcome {
  kind: 'ticket' | 'reply';
  /** Unique text the request wrote (a subject or a reply body), to find it in the database. */
  marker: string;
  status: number;
  /** The error code of a failed request (`503 SERVICE_UNAVAILABLE`), or its status alone. */
  error?: string;
  startedAt: number;
  latencyMs: number;
}

export const LOAD_CLIENTS = 4;

export interface LoadOptions {
  /** Concurrent clients, each sending its next request as soon as the last one answered. */
  clients: number;
  /** Pause between one client's requests. */
  pauseMs: number;
}

/**
 * A steady load through the gateway: clients opening tickets and replying to their tickets. It
 * records every answer, so a fault's effect can be measured and, afterwards, checked against
 * what the database holds.
 */
export class SteadyLoad {
  readonly outcomes: Outcome[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private sequence = 0;

  constructor(
    private readonly world: World,
    private readonly tag: string,
    private readonly options: LoadOptions = { clients: LOAD_CLIENTS, pauseMs: 100 },
  ) {}

  start(): void {
    this.running = true;
    this.workers = Array.from({ length: this.options.clients }, () => this.work(this.world.owner));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async work(client: ApiClient): Promise<void> {
    let ticketId: number | undefined;
    while (this.running) {
      const marker = `${this.tag}-${++this.sequence}`;
      if (ticketId === undefined) {
        const response = await this.record('ticket', marker, () =>
          client.post('/api/tickets', { departmentId: this.world.departmentA.id, subject: marker, message: 'load' }),
        );
        ticketId = response.status === 201 ? (response.body as { id: number }).id : undefined;
      } else {
        await this.record('reply', marker, () => client.post(`/api/tickets/${ticketId}/replies`, { message: marker }));
        // Every fifth request opens a new ticket, so both kinds keep flowing.
        ticketId = this.sequence % 5 === 0 ? undefined : ticketId;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  private async record(
    kind: Outcome['kind'],
    marker: string,
    request: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ status: number; body: unknown }> {
    const startedAt = Date.now();
    const response = await request().catch(() => ({ status: 0, body: undefined }));
    const ok = response.status >= 200 && response.status < 300;
    const code = (response.body as { code?: string } | undefined)?.code;
    const error = ok
      ? undefined
      : response.status === 0
        ? 'connection failed'
        : `${response.status} ${code ?? ''}`.trim();
    this.outcomes.push({ kind, marker, status: response.status, error, startedAt, latencyMs: Date.now() - startedAt });
    return response;
  }
}

export interface Verdict {
  requests: number;
  errorsByCode: Record<string, number>;
  /** From the first failed request of the fault to the last one, in seconds. */
  recoverySeconds: number;
  maxErrorLatencyMs: number;
  /** 2xx answers whose ticket or reply is not stored. */
  lost: number;
  /** Tickets or replies stored more than once. */
  duplicated: number;
  /** Failed requests whose write is stored anyway (an answer lost after the commit). */
  storedDespiteError: number;
}

/** Checks every recorded outcome against the tickets schema. */
export async function verifyLoad(databaseUrl: string, outcomes: readonly Outcome[]): Promise<Verdict> {
  const stored = await storedCounts(databaseUrl);
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  const errorsByCode: Record<string, number> = {};
  for (const { error } of failed) {
    errorsByCode[error!] = (errorsByCode[error!] ?? 0) + 1;
  }
  const succeeded = outcomes.filter((outcome) => !failed.includes(outcome));
  const firstFailure = Math.min(...failed.map((outcome) => outcome.startedAt));
  const lastFailure = Math.max(...failed.map((outcome) => outcome.startedAt + outcome.latencyMs));
  return {
    requests: outcomes.length,
    errorsByCode,
    recoverySeconds: failed.length === 0 ? 0 : Math.round((lastFailure - firstFailure) / 100) / 10,
    maxErrorLatencyMs: Math.max(0, ...failed.map((outcome) => outcome.latencyMs)),
    lost: succeeded.filter((outcome) => (stored.get(outcome.marker) ?? 0) === 0).length,
    duplicated: [...stored.values()].filter((count) => count > 1).length,
    storedDespiteError: failed.filter((outcome) => (stored.get(outcome.marker) ?? 0) > 0).length,
  };
}

async function storedCounts(databaseUrl: string): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: string; count: string }>(
      `SELECT "subject" AS "marker", count(*) FROM "tickets"."tickets" GROUP BY 1
       UNION ALL
       SELECT "body", count(*) FROM "tickets"."messages" WHERE "body" <> 'load' GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.marker, Number(row.count)]));
  } finally {
    await client.end();
  }
}
