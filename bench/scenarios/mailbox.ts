import { dkimSign } from 'mailauth';

import { bodyOf, ImapServer, rawMail, testDkimKey } from '../../libs/testing/src';
import { BenchContext } from '../lib/context';
import { percentile, sleep } from '../lib/stats';
import { BenchWorld } from './world';

export interface MailboxResult {
  messages: number;
  /** Messages that became a message on a ticket within the deadline. */
  onTicket: number;
  /** From the IMAP APPEND's answer to the message on its ticket (its `created_at`), ms. */
  appendToTicketMs: { p50: number; p95: number; max: number };
}

const USER = { username: 'bench-support', password: 'bench-imap-password' };
const CLIENT_DOMAIN = 'client.bench.test';
const DKIM_SELECTOR = 'bench';
/** Between two appends: the figure is IDLE's latency, not throughput. */
const PACE_MS = 250;

/**
 * Issue 22: a mailbox on a real IMAP server (Debian's dovecot, when installed) with IDLE; clients'
 * signed mails appended one at a time; for each, the time from the append to the message on the
 * ticket it opened. The path: dovecot's IDLE push, the fetch, the SMTP-path intake (store,
 * record, confirmed job), processing, tickets.
 */
export async function runMailboxScenario(context: BenchContext, world: BenchWorld): Promise<MailboxResult> {
  const imap = await ImapServer.start({ users: [USER] });
  try {
    const admin = await context.system.api().login(context.system.admin.email, context.system.admin.password);
    const mailbox: { id: number } = await bodyOf(
      admin.post('/api/admin/mailboxes', {
        departmentId: world.departments[0].id,
        address: 'support@company.bench.test',
        host: imap.host,
        port: imap.port,
        tls: false,
        ...USER,
        afterImport: 'flag',
      }),
      201,
    );
    // Timed from the moment its fetcher is IDLE (the supervisor starts it within MAILBOX_SUPERVISE_INTERVAL).
    while (
      (await bodyOf<{ state: string }>(admin.get(`/api/admin/mailboxes/${mailbox.id}/status`))).state !== 'connected'
    ) {
      await sleep(200);
    }
    const key = testDkimKey();
    context.system.publishSender(CLIENT_DOMAIN, DKIM_SELECTOR, key.record);
    const signer = { signingDomain: CLIENT_DOMAIN, selector: DKIM_SELECTOR, privateKey: key.privateKey };
    const count = context.plan.mailboxMessages;
    context.memory.enter('mailbox (IMAP)');
    const appendedAt = new Map<string, number>();
    for (let index = 0; index < count; index++) {
      const client = world.clients[index % world.clients.length];
      const subject = `Mailbox bench ${index}`;
      const raw = rawMail({ From: client.email, To: 'support@company.bench.test', Subject: subject }, 'Help.');
      const signed = await dkimSign(raw, { ...signer, signatureData: [signer] });
      await imap.append(USER.username, signed.signatures + raw);
      appendedAt.set(subject, Date.now());
      await sleep(PACE_MS);
    }
    const latencies = await latenciesOf(context, appendedAt);
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      messages: count,
      onTicket: sorted.length,
      appendToTicketMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN },
    };
    context.log(
      `mailbox: ${result.onTicket}/${count} on their tickets; append → ticket p50 ${result.appendToTicketMs.p50} ms, p95 ${result.appendToTicketMs.p95} ms`,
    );
    return result;
  } finally {
    await imap.stop();
  }
}

async function latenciesOf(context: BenchContext, appendedAt: Map<string, number>): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await context.db.query(
      `SELECT t."subject", extract(epoch FROM m."created_at") * 1000 AS "at"
         FROM "tickets"."tickets" t JOIN "tickets"."messages" m ON m."ticket_id" = t."id"
        WHERE t."subject" = ANY($1)`,
      [[...appendedAt.keys()]],
    );
    const found = rows as { subject: string; at: string }[];
    if (found.length >= appendedAt.size || Date.now() > deadline) {
      return found.map((row) => Number(row.at) - (appendedAt.get(row.subject) as number));
    }
    await sleep(200);
  }
}
