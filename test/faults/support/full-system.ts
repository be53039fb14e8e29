import { bodyOf, createWorld, expectEventually, ServiceName, SmtpSink, TestSystem, World } from '@helpdesk/testing';
import { Client } from 'pg';

import { LOAD_CLIENTS, SteadyLoad } from './load';
import { MailTarget } from './mail-load';

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
  /** Where the load's email replies go: the system's SMTP ingress, as the world's owner. */
  mail: MailTarget;
  /** A steady load of API requests and email replies, not yet started. */
  load(tag: string, options?: { baseUrl?: string; smtpPorts?: number[]; uploads?: boolean }): SteadyLoad;
  stop(): Promise<void>;
}

/** Every service, its broker and database links behind proxies, notifications going to an SMTP sink. */
export async function startFullSystem(name: string): Promise<FullSystem> {
  const sink = await SmtpSink.start();
  const system = await TestSystem.start(name, {
    proxies: true,
    services: ALL_SERVICES,
    env: { SMTP_URL: sink.url, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) },
    serviceEnv: {
      // The load replies by email all the time, through a few reply addresses.
      'mail-ingress': { INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR: '100000' },
      // The defaults operators run, not the e2e suite's quick give-up: an event must outlast an outage.
      notifications: { NOTIFICATIONS_EVENT_ATTEMPTS: '20', NOTIFICATIONS_EVENT_RETRY_MS: '1000' },
    },
  });
  const world = await createWorld(system.api(), await system.admin());
  const owner = await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`));
  const mail: MailTarget = { smtpPorts: [system.smtpPort], clientId: world.ownerId, clientEmail: owner.email };
  return {
    system,
    sink,
    world,
    mail,
    load: (tag, options = {}) =>
      new SteadyLoad(world, tag, {
        clients: LOAD_CLIENTS,
        pauseMs: 100,
        baseUrl: options.baseUrl,
        uploads: options.uploads,
        mail: { ...mail, smtpPorts: options.smtpPorts ?? mail.smtpPorts },
      }),
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
  /** Mails the sink received more than once (by Message-ID) though only one attempt ever claimed them. */
  duplicated: number;
  /**
   * Mails the sink received twice because the sender died between the relay's 250 and recording
   * it, so the mail went out again when its lease ended. SMTP cannot close that window; the
   * second copy carries the same Message-ID, which receiving mail systems deduplicate by.
   */
  resentAfterCrash: number;
  /** Mails recorded as sent that the sink never received. */
  lost: number;
}

export const NO_MAIL_PROBLEMS: MailVerdict = { pending: 0, duplicated: 0, resentAfterCrash: 0, lost: 0 };

/** Every notification the database recorded as sent reached the sink exactly once. */
export async function verifyMails(databaseUrl: string, sink: SmtpSink): Promise<MailVerdict> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ message_id: string; state: string; attempts: number }>(
      `SELECT "message_id", "state", "attempts" FROM "notifications"."outgoing_mails"`,
    );
    const received = new Map<string, number>();
    for (const mail of sink.received) {
      const id = messageIdOf(mail.parsed.messageId ?? '');
      received.set(id, (received.get(id) ?? 0) + 1);
    }
    const attemptsById = new Map(rows.map((row) => [messageIdOf(row.message_id), row.attempts]));
    const receivedTwice = [...received].filter(([, count]) => count > 1).map(([id]) => id);
    const claimedAgain = receivedTwice.filter((id) => (attemptsById.get(id) ?? 0) > 1);
    const sent = rows.filter((row) => row.state === 'sent');
    return {
      pending: rows.filter((row) => row.state === 'pending').length,
      duplicated: receivedTwice.length - claimedAgain.length,
      resentAfterCrash: claimedAgain.length,
      lost: sent.filter((row) => !received.has(messageIdOf(row.message_id))).length,
    };
  } finally {
    await client.end();
  }
}

function messageIdOf(header: string): string {
  return header.replace(/^<|>$/g, '');
}

/** The most mails one notifications process holds between the relay's 250 and recording it: its SMTP pool. */
const MAILS_IN_FLIGHT_PER_SENDER = 5;

/**
 * Waits until every notification went out exactly once; where a notifications process was
 * killed, the few mails it had in flight may have gone out a second time, never more.
 */
export async function expectMailsSentOnce(
  databaseUrl: string,
  sink: SmtpSink,
  { killedSenders }: { killedSenders: number },
): Promise<void> {
  await expectEventually(async () => {
    const verdict = await verifyMails(databaseUrl, sink);
    expect({ ...verdict, resentAfterCrash: 0 }).toEqual(NO_MAIL_PROBLEMS);
    expect(verdict.resentAfterCrash).toBeLessThanOrEqual(killedSenders * MAILS_IN_FLIGHT_PER_SENDER);
  }, 30_000);
}
