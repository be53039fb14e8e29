import { createWorld, ServiceName, SmtpSink, TestSystem, World } from '@helpdesk/testing';
import { Client } from 'pg';

export const ALL_SERVICES: ServiceName[] = [
  'access',
  'tickets',
  'gateway',
  'attachments',
  'notifications',
  'mail-ingress',
  'scheduler',
];

/** The default RPC timeout, as operators run it (a slow broker link needs its headroom). */
export const RPC_TIMEOUT_MS = 5_000;

export interface FullSystem {
  system: TestSystem;
  sink: SmtpSink;
  world: World;
  stop(): Promise<void>;
}

/** Every service, its broker and database links behind proxies, notifications going to an SMTP sink. */
export async function startFullSystem(name: string): Promise<FullSystem> {
  const sink = await SmtpSink.start();
  const system = await TestSystem.start(name, {
    proxies: true,
    services: ALL_SERVICES,
    env: { SMTP_URL: sink.url, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) },
  });
  const world = await createWorld(system.api(), await system.admin());
  return {
    system,
    sink,
    world,
    stop: async () => {
      await system.stop();
      await sink.stop();
    },
  };
}

export function servicesNotRunning(system: TestSystem): string[] {
  return ALL_SERVICES.filter((service) => !system.service(service)?.running);
}

export interface MailVerdict {
  pending: number;
  /** Mails the sink received more than once (by Message-ID). */
  duplicated: number;
  /** Mails recorded as sent that the sink never received. */
  lost: number;
}

/** Every notification the database recorded as sent reached the sink exactly once. */
export async function verifyMails(databaseUrl: string, sink: SmtpSink): Promise<MailVerdict> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ message_id: string; state: string }>(
      `SELECT "message_id", "state" FROM "notifications"."outgoing_mails"`,
    );
    const received = new Map<string, number>();
    for (const mail of sink.received) {
      const id = (mail.parsed.messageId ?? '').replace(/^<|>$/g, '');
      received.set(id, (received.get(id) ?? 0) + 1);
    }
    const sent = rows.filter((row) => row.state === 'sent');
    return {
      pending: rows.filter((row) => row.state === 'pending').length,
      duplicated: [...received.values()].filter((count) => count > 1).length,
      lost: sent.filter((row) => !received.has(row.message_id.replace(/^<|>$/g, ''))).length,
    };
  } finally {
    await client.end();
  }
}
