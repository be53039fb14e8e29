import { createTransport } from 'nodemailer';

import { BenchChild } from '../lib/child';
import { OutgoingMessage, sendOverSmtp, SmtpLoadResult } from '../lib/smtp-load';
import { closedLoop } from '../lib/stats';

export interface SmtpAcceptResult extends SmtpLoadResult {
  /** Server CPU per accepted message (smtp-server + mailparser). */
  serverCpuMsPerMessage: number;
}

/** smtp-server + mailparser accepting, parsing and discarding `messages` on `connections` sessions. */
export async function probeSmtpAccept(messages: OutgoingMessage[], connections: number): Promise<SmtpAcceptResult> {
  const server = await BenchChild.start<{ port: number }>('probes/smtp-accept-server');
  try {
    await server.ask('cpu');
    const result = await sendOverSmtp(server.ready.port, messages, connections);
    const { cpuMs } = await server.ask<{ cpuMs: number }>('cpu');
    return { ...result, serverCpuMsPerMessage: cpuMs / Math.max(1, result.accepted) };
  } finally {
    await server.stop();
  }
}

export interface SmtpDeliverResult {
  perSecond: number;
  sent: number;
  failed: number;
  seconds: number;
  poolSize: number;
}

/**
 * The ceiling of mail delivery: nodemailer's pooled transport (SMTP_POOL_SIZE connections, as
 * notifications uses it) sending notification-sized mails straight to the same SMTP sink.
 */
export async function probeSmtpDeliver(
  smtpUrl: string,
  poolSize: number,
  durationMs: number,
): Promise<SmtpDeliverResult> {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: poolSize,
    maxMessages: Infinity,
    ignoreTLS: true,
  } as never);
  let index = 0;
  const send = () => {
    index += 1;
    return transport.sendMail({
      from: 'Helpdesk <support@bench.helpdesk.test>',
      to: `client-${index % 64}@client.bench.test`,
      replyTo: `reply+${index}-c1-abcdefghijklmnopqrst@bench.helpdesk.test`,
      subject: `[#${index}] Printer offline`,
      text: `We received your ticket #${index}.\n\n${'Our team will answer soon. '.repeat(6)}\n\nhttp://helpdesk.bench.test/portal/tickets/${index}`,
      html: `<p>We received your ticket #${index}.</p><p>${'Our team will answer soon. '.repeat(6)}</p>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  };
  try {
    await closedLoop(poolSize * 4, 500, send);
    const result = await closedLoop(poolSize * 4, durationMs, send);
    return {
      perSecond: result.perSecond,
      sent: result.completed,
      failed: result.failed,
      seconds: result.seconds,
      poolSize,
    };
  } finally {
    transport.close();
  }
}
