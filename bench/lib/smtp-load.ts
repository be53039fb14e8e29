import SMTPConnection from 'nodemailer/lib/smtp-connection';

import { Latency, summarize } from './stats';

export interface OutgoingMessage {
  from: string;
  to: string;
  raw: string;
}

export interface SmtpLoadResult {
  accepted: number;
  rejected: number;
  /** Reply codes of refused messages and how many. */
  rejections: Record<string, number>;
  /** From the first connection to the last answer. */
  seconds: number;
  acceptedPerSecond: number;
  /** From DATA's end to the 250 (the time a sender waits for durability). */
  latency: Latency;
}

/**
 * Sends every message over `connections` SMTP sessions (nodemailer's SMTP client, one message
 * after another in each session, at most `perConnection` per session before it reconnects, as a
 * relaying MTA does) and counts the 250s.
 */
export async function sendOverSmtp(
  port: number,
  messages: OutgoingMessage[],
  connections: number,
  perConnection = 100,
): Promise<SmtpLoadResult> {
  let next = 0;
  let accepted = 0;
  let rejected = 0;
  const rejections: Record<string, number> = {};
  const latencies: number[] = [];
  const started = process.hrtime.bigint();

  const open = () =>
    new Promise<SMTPConnection>((resolve, reject) => {
      const connection = new SMTPConnection({
        host: '127.0.0.1',
        port,
        ignoreTLS: true,
        name: 'bench.client.test',
        connectionTimeout: 10_000,
        socketTimeout: 60_000,
      });
      connection.once('error', reject);
      connection.connect((error) => (error ? reject(error) : resolve(connection)));
    });
  const send = (connection: SMTPConnection, message: OutgoingMessage) =>
    new Promise<void>((resolve) => {
      const sent = process.hrtime.bigint();
      connection.send({ from: message.from, to: [message.to] }, message.raw, (error) => {
        if (error) {
          rejected += 1;
          const code = String(error.responseCode ?? error.code ?? 'error');
          rejections[code] = (rejections[code] ?? 0) + 1;
          connection.reset(() => resolve());
        } else {
          accepted += 1;
          latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
          resolve();
        }
      });
    });

  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < messages.length) {
        const connection = await open();
        try {
          for (let sent = 0; sent < perConnection && next < messages.length; sent++) {
            await send(connection, messages[next++]);
          }
        } finally {
          connection.quit();
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    accepted,
    rejected,
    rejections,
    seconds,
    acceptedPerSecond: accepted / seconds,
    latency: summarize(latencies),
  };
}

/** A plain-text reply as a mail client writes it, quoting the notification it answers. */
export function replyMessage(options: {
  from: string;
  to: string;
  subject: string;
  index: number;
  domain: string;
}): string {
  const date = new Date().toUTCString();
  return [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: Re: ${options.subject}`,
    `Date: ${date}`,
    `Message-ID: <bench-${options.index}-${Date.now().toString(36)}@client.bench.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Thanks, I tried that and the invoice still shows the old address (reply ${options.index}).`,
    'Could you have another look? The order number is in the original message.',
    '',
    'Best regards,',
    'A client',
    '',
    `On ${date}, Helpdesk <support@${options.domain}> wrote:`,
    '> We have updated your billing address. Let us know if anything else is wrong.',
    '>',
    '> -- ',
    '> Helpdesk',
    '',
  ].join('\r\n');
}
