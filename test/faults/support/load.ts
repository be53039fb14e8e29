import { ApiClient, expectEventually, World } from '@helpdesk/testing';
import { Client } from 'pg';

import { sleep } from './fault-report';
import { DeliveryAttempt, deliverWithRetries, MailTarget, replyMessage } from './mail-load';

/** One request of the load (an email counts once, however often it was deferred): what was asked, what came back, when. */
interface Outcome {
  kind: 'ticket' | 'reply' | 'mail' | 'upload';
  /** Unique text the request wrote (a subject or a reply body), to find it in the database. */
  marker: string;
  status: number;
  /** The error of a failed request (`503 SERVICE_UNAVAILABLE`, `SMTP 550`), or undefined. */
  error?: string;
  startedAt: number;
  latencyMs: number;
}

/** An SMTP attempt the sender had to retry (a 4xx or no connection). */
interface Deferral {
  error: string;
  at: number;
}

export const LOAD_CLIENTS = 4;

/** How long after the load stops a deferred email is still retried, as an MTA's queue would. */
const MAIL_RETRY_WINDOW_MS = 60_000;

export interface LoadOptions {
  /** Concurrent API clients, each sending its next request as soon as the last one answered. */
  clients: number;
  /** Pause between one client's requests, and between two emails. */
  pauseMs: number;
  /** Email replies to the load's tickets, through these ingress ports; none without it. */
  mail?: MailTarget;
  /** The gateway (or balancer) the clients talk to; the system's gateway by default. */
  baseUrl?: string;
  /** Also upload a small file now and then (named after its marker). */
  uploads?: boolean;
}

/**
 * A steady load: clients opening tickets and replying to them through the gateway, and the same
 * client replying by email to its tickets' reply addresses, retried as an MTA retries. It records
 * every answer, so a fault's effect can be measured and, afterwards, checked against what the
 * database holds.
 */
export class SteadyLoad {
  readonly outcomes: Outcome[] = [];
  readonly deferrals: Deferral[] = [];
  private readonly ticketIds: number[] = [];
  private readonly mailsInFlight: Promise<void>[] = [];
  private running = false;
  private stoppedAt = Infinity;
  private workers: Promise<void>[] = [];
  private sequence = 0;

  constructor(
    private readonly world: World,
    private readonly tag: string,
    private readonly options: LoadOptions = { clients: LOAD_CLIENTS, pauseMs: 100 },
  ) {}

  start(): void {
    this.running = true;
    const client = this.options.baseUrl ? this.world.owner.withBaseUrl(this.options.baseUrl) : this.world.owner;
    this.workers = Array.from({ length: this.options.clients }, () => this.work(client));
    if (this.options.mail) {
      this.workers.push(this.mailWork(this.options.mail));
    }
    if (this.options.uploads) {
      this.workers.push(this.uploadWork(client));
    }
  }

  /** Stops sending; deferred emails are still retried for a while, as their MTA would. */
  async stop(): Promise<void> {
    this.running = false;
    this.stoppedAt = Date.now();
    await Promise.all(this.workers);
    await Promise.all(this.mailsInFlight);
  }

  private async work(client: ApiClient): Promise<void> {
    let ticketId: number | undefined;
    while (this.running) {
      const marker = this.nextMarker();
      if (ticketId === undefined) {
        const response = await this.record('ticket', marker, () =>
          client.post('/api/tickets', { departmentId: this.world.departmentA.id, subject: marker, message: 'load' }),
        );
        ticketId = response.status === 201 ? (response.body as { id: number }).id : undefined;
        if (ticketId !== undefined) {
          this.ticketIds.push(ticketId);
        }
      } else {
        await this.record('reply', marker, () => client.post(`/api/tickets/${ticketId}/replies`, { message: marker }));
        // Every fifth request opens a new ticket, so both kinds keep flowing.
        ticketId = this.sequence % 5 === 0 ? undefined : ticketId;
      }
      await sleep(this.options.pauseMs);
    }
  }

  private async mailWork(target: MailTarget): Promise<void> {
    while (this.running) {
      const ticketId = this.ticketIds.at(-1);
      if (ticketId !== undefined) {
        this.mailsInFlight.push(this.sendMail(target, ticketId, this.nextMarker()));
      }
      await sleep(this.options.pauseMs * 2);
    }
  }

  private async uploadWork(client: ApiClient): Promise<void> {
    while (this.running) {
      const marker = this.nextMarker();
      await this.record('upload', marker, () => upload(client, `${marker}.txt`, marker));
      await sleep(this.options.pauseMs * 5);
    }
  }

  private async sendMail(target: MailTarget, ticketId: number, marker: string): Promise<void> {
    const startedAt = Date.now();
    const final = await deliverWithRetries(
      target,
      replyMessage(target, ticketId, marker),
      () => this.stoppedAt + MAIL_RETRY_WINDOW_MS,
      (attempt) => this.deferrals.push({ error: smtpError(attempt), at: Date.now() }),
    );
    this.outcomes.push({
      kind: 'mail',
      marker,
      status: final.code,
      error: final.code === 250 ? undefined : smtpError(final),
      startedAt,
      latencyMs: Date.now() - startedAt,
    });
  }

  private nextMarker(): string {
    return `${this.tag}-${++this.sequence}`;
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

async function upload(client: ApiClient, filename: string, text: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), filename);
  const response = await fetch(`${client.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  return { status: response.status, body: body ? (JSON.parse(body) as unknown) : undefined };
}

function smtpError(attempt: DeliveryAttempt): string {
  return attempt.code === 0 ? 'SMTP connection failed' : `SMTP ${attempt.code}`;
}

export interface Verdict {
  requests: number;
  /** Of which emails (each counted once, however often it was deferred). */
  mails: number;
  /** Failed requests and deferred SMTP attempts, by code. */
  errorsByCode: Record<string, number>;
  /** From the first failed request or deferral of the fault to the last one, in seconds. */
  recoverySeconds: number;
  maxErrorLatencyMs: number;
  /** 2xx answers and SMTP 250s whose ticket, reply or upload is not stored. */
  lost: number;
  /** The same by kind of request, with an example marker each, to find them in the logs. */
  lostByKind: Record<string, string>;
  /** Tickets or replies stored more than once. */
  duplicated: number;
  /** Failed requests whose write is stored anyway (an answer lost after the commit). */
  storedDespiteError: number;
  /** Emails refused for good (5xx) or still deferred when their sender gave up. */
  mailsRefused: number;
}

/**
 * Checks every recorded outcome against the tickets schema, once every accepted email had time
 * to reach its ticket.
 */
export async function verifyLoad(databaseUrl: string, load: SteadyLoad): Promise<Verdict> {
  const accepted = load.outcomes.filter((outcome) => outcome.error === undefined);
  const stored = await expectEventually(
    async () => {
      const counts = await storedCounts(databaseUrl);
      const missing = accepted.filter((outcome) => !counts.has(outcome.marker));
      if (missing.length > 0) {
        throw new Error(`${missing.length} accepted writes not stored yet, e.g. ${missing[0].marker}`);
      }
      return counts;
    },
    60_000,
    500,
  ).catch(() => storedCounts(databaseUrl));
  const failed = load.outcomes.filter((outcome) => outcome.error !== undefined);
  const lost = accepted.filter((outcome) => !stored.has(outcome.marker));
  const errors = [...failed.map((outcome) => outcome.error!), ...load.deferrals.map((deferral) => deferral.error)];
  const errorTimes = [
    ...failed.flatMap((outcome) => [outcome.startedAt, outcome.startedAt + outcome.latencyMs]),
    ...load.deferrals.map((deferral) => deferral.at),
  ];
  return {
    requests: load.outcomes.length,
    mails: load.outcomes.filter((outcome) => outcome.kind === 'mail').length,
    errorsByCode: countBy(errors),
    recoverySeconds:
      errorTimes.length === 0 ? 0 : Math.round((Math.max(...errorTimes) - Math.min(...errorTimes)) / 100) / 10,
    maxErrorLatencyMs: Math.max(0, ...failed.filter((o) => o.kind !== 'mail').map((outcome) => outcome.latencyMs)),
    lost: lost.length,
    lostByKind: Object.fromEntries(
      Object.entries(countBy(lost.map((outcome) => outcome.kind))).map(([kind, count]) => [
        kind,
        `${count}, e.g. ${lost.find((outcome) => outcome.kind === kind)!.marker}`,
      ]),
    ),
    duplicated: [...stored.values()].filter((count) => count > 1).length,
    storedDespiteError: failed.filter((outcome) => stored.has(outcome.marker)).length,
    mailsRefused: failed.filter((outcome) => outcome.kind === 'mail').length,
  };
}

/**
 * The error codes of a verdict other than `expected` and the SMTP deferrals an MTA retries (4xx,
 * no connection), which every fault of the mail path is allowed to cause.
 */
export function unexpectedErrors(verdict: Verdict, expected: string[] = []): string[] {
  return Object.keys(verdict.errorsByCode).filter(
    (code) => !expected.includes(code) && !/^SMTP (4\d\d|connection failed)$/.test(code),
  );
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) {
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

async function storedCounts(databaseUrl: string): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: string; count: string }>(
      `SELECT "subject" AS "marker", count(*) FROM "tickets"."tickets" GROUP BY 1
       UNION ALL
       SELECT "body", count(*) FROM "tickets"."messages" WHERE "body" <> 'load' GROUP BY 1
       UNION ALL
       SELECT left("filename", -4), count(*) FROM "attachments"."attachments" GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.marker, Number(row.count)]));
  } finally {
    await client.end();
  }
}
