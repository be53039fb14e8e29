import { dkimSign } from 'mailauth';

import { PrincipalKind } from '../../libs/contracts/src';
import { replyAddress, ReplyTokens } from '../../libs/mail/src';
import { testDkimKey } from '../../libs/testing/src';
import { BenchContext } from '../lib/context';
import { OutgoingMessage, replyMessage, sendOverSmtp, SmtpLoadResult } from '../lib/smtp-load';
import { sleep } from '../lib/stats';
import { BenchWorld, openTickets } from './world';

/** Replies per (ticket, client) token: within mail-ingress's default 30 per token and hour. */
const REPLIES_PER_TICKET = 10;

export interface InboundMessages {
  messages: OutgoingMessage[];
  ticketIds: number[];
}

const CLIENT_DOMAIN = 'client.bench.test';
const DKIM_SELECTOR = 'bench';

/**
 * Client replies to notifications: one reply address per (ticket, client), 10 replies each,
 * interleaved; each DKIM-signed by the clients' domain, whose key, SPF and DMARC records the run's
 * DNS zone publishes, so mail-ingress's sender authentication passes as for a real provider's mail.
 */
export async function inboundMessages(
  context: BenchContext,
  world: BenchWorld,
  count: number,
): Promise<InboundMessages> {
  const tickets = await openTickets(
    context,
    world,
    Math.ceil(count / REPLIES_PER_TICKET),
    world.departments.map((d) => d.id),
  );
  const tokens = new ReplyTokens(context.system.secrets.mailToken);
  const emailOf = new Map(world.clients.map((client) => [client.id, client.email]));
  const addressing = { localPart: context.system.mail.replyLocalPart, domain: context.system.mail.domain };
  const key = testDkimKey();
  context.system.publishSender(CLIENT_DOMAIN, DKIM_SELECTOR, key.record);
  const signer = { signingDomain: CLIENT_DOMAIN, selector: DKIM_SELECTOR, privateKey: key.privateKey };
  const messages: OutgoingMessage[] = [];
  for (let index = 0; index < count; index++) {
    const ticket = tickets[index % tickets.length];
    const to = replyAddress(
      addressing,
      tokens.sign({ ticketId: ticket.id, recipient: { kind: PrincipalKind.Client, id: ticket.clientId } }),
    );
    const from = emailOf.get(ticket.clientId) as string;
    const raw = replyMessage({
      from,
      to,
      subject: `[#${ticket.id}] ${ticket.subject}`,
      index,
      domain: addressing.domain,
    });
    const signed = await dkimSign(raw, { ...signer, signatureData: [signer] });
    messages.push({ from, to, raw: signed.signatures + raw });
  }
  return { messages, ticketIds: tickets.map((ticket) => ticket.id) };
}

export interface InboundResult {
  smtp: SmtpLoadResult;
  /** From the first SMTP connection until every accepted reply is a message on its ticket. */
  storedSeconds: number | null;
  stored: number;
  /** Distinct reply texts among those stored: equal to `stored` when none was stored twice. */
  distinct: number;
  expected: number;
  /** Accepted mails whose sender authentication passed aligned with From: (all, when DKIM works). */
  authenticated: number;
  /** CPU ms per message of each process, from the first connection until all were stored. */
  cpuMsPerMessage: Record<string, number>;
}

/** Replies through mail-ingress's SMTP port on 8 connections, then until each is on its ticket. */
export async function runInboundScenario(context: BenchContext, input: InboundMessages): Promise<InboundResult> {
  context.memory.enter('inbound mail');
  const cpuBefore = await context.cpu.snapshot();
  const started = Date.now();
  const smtp = await sendOverSmtp(context.system.smtpIngressPort, input.messages, context.plan.inboundConnections);
  context.log(
    `inbound: ${smtp.accepted} accepted (${smtp.acceptedPerSecond.toFixed(0)}/s), ${smtp.rejected} refused ${JSON.stringify(smtp.rejections)}`,
  );
  const deadline = Date.now() + (context.options.quick ? 60_000 : 300_000);
  let storedSeconds: number | null = null;
  while (Date.now() < deadline) {
    const { rows } = await context.db.query(
      `SELECT count(*)::int AS stored, count(DISTINCT "body")::int AS distinct
         FROM "tickets"."messages" WHERE "via" = 'email' AND "ticket_id" = ANY($1)`,
      [input.ticketIds],
    );
    if ((rows[0] as { stored: number }).stored >= smtp.accepted) {
      storedSeconds = (Date.now() - started) / 1000;
      break;
    }
    await sleep(200);
  }
  const cpuMsPerMessage = await context.cpu.perUnit(cpuBefore, smtp.accepted);
  // Anything stored late (a duplicate) shows up here.
  await sleep(1_000);
  const { rows } = await context.db.query(
    `SELECT count(*)::int AS stored, count(DISTINCT "body")::int AS distinct
       FROM "tickets"."messages" WHERE "via" = 'email' AND "ticket_id" = ANY($1)`,
    [input.ticketIds],
  );
  const counts = rows[0] as { stored: number; distinct: number };
  const verdicts = await context.db.query(
    `SELECT count(*)::int AS authenticated FROM "mail_ingress"."inbound_messages"
      WHERE ("sender_verdict"->>'aligned')::boolean AND "ticket_id" = ANY($1)`,
    [input.ticketIds],
  );
  const authenticated = (verdicts.rows[0] as { authenticated: number }).authenticated;
  context.log(
    `inbound: ${counts.stored} stored (${counts.distinct} distinct) ${storedSeconds === null ? 'before the deadline ran out' : `after ${storedSeconds.toFixed(1)} s`}; ${authenticated} sender-authenticated (DKIM, SPF, DMARC)`,
  );
  return {
    smtp,
    storedSeconds,
    stored: counts.stored,
    distinct: counts.distinct,
    expected: input.messages.length,
    authenticated,
    cpuMsPerMessage,
  };
}
