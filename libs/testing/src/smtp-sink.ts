import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { expectEventually } from './expect-eventually';
import { freePort } from './test-system';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
  /** The raw header block, as the server received it. */
  header(name: string): string | undefined;
}

/**
 * A real SMTP server on localhost that records what it receives: what the notifications
 * service sends to. `stop()` takes it down (connections dropped) and `start()` brings it back
 * on the same port, for outage tests.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** While set, every recipient is refused with this code (451: try later, as a busy relay does). */
  refusingWith?: number;
  /** How many recipients were refused so. */
  refused = 0;
  private server?: SMTPServer;

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<SmtpSink> {
    const sink = new SmtpSink(port ?? (await freePort()));
    await sink.start();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) {
      return;
    }
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onRcptTo: (_address, _session, callback) => {
        if (this.refusingWith === undefined) {
          return callback();
        }
        this.refused++;
        const refusal = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: this.refusingWith });
        callback(refusal);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                },
                raw,
                parsed,
                header: (name) => rawHeader(raw, name),
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and drops every open connection, as a crashed server would. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Mails whose envelope names `address` as a recipient. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelope.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  }

  /** Waits until `count` mails to `address` arrived (and no more), and returns them. */
  async waitForMails(address: string, count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    return expectEventually(() => {
      const mails = this.to(address);
      if (mails.length !== count) {
        throw new Error(
          `expected ${count} mail(s) to ${address}, got ${mails.length}: ${mails.map((m) => m.parsed.subject).join(', ')}`,
        );
      }
      return mails;
    }, timeoutMs);
  }
}

/** One header of a raw message, unfolded; undefined when it has none. */
function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
