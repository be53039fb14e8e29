import { connect, Socket } from 'node:net';

export interface SmtpResponse {
  code: number;
  /** The text of every line, code and separator removed. */
  lines: string[];
  /** All lines joined with a space: `5.1.1 This reply address …`. */
  text: string;
}

/**
 * A raw SMTP conversation over a socket, one command at a time, for the protocol edges a
 * well-behaved client library never produces (forged recipients, oversized or broken messages).
 * A reply is read whole (multi-line replies included); a closed connection answers code 0.
 */
export class SmtpDialogue {
  private buffer = '';
  private readonly pending: { resolve: (response: SmtpResponse) => void }[] = [];
  private readonly replies: SmtpResponse[] = [];
  private current: string[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('close', () => {
      this.closed = true;
      while (this.pending.length > 0) {
        this.pending.shift()?.resolve({ code: 0, lines: [], text: 'connection closed' });
      }
    });
    socket.on('error', () => undefined);
  }

  /** Connects (from `localAddress`, e.g. another loopback address, when given) and reads the greeting. */
  static async open(
    port: number,
    host = '127.0.0.1',
    localAddress?: string,
  ): Promise<{ dialogue: SmtpDialogue; greeting: SmtpResponse }> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const client = connect({ port, host, localAddress }, () => resolve(client));
      client.once('error', reject);
    });
    const dialogue = new SmtpDialogue(socket);
    return { dialogue, greeting: await dialogue.reply() };
  }

  /** Sends one command line and reads its reply. */
  command(line: string): Promise<SmtpResponse> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** The message after a 354: dot-stuffed, ended by `<CRLF>.<CRLF>`; answers the final reply. */
  content(message: string | Buffer): Promise<SmtpResponse> {
    const text = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
    const normalised = text.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.socket.write(Buffer.from(normalised.endsWith('\r\n') ? normalised : `${normalised}\r\n`, 'latin1'));
    this.socket.write('.\r\n');
    return this.reply();
  }

  /** Writes bytes as they are, without waiting for a reply; `flushed` runs once they left for the server. */
  write(data: string | Buffer, flushed?: () => void): void {
    this.socket.write(data, flushed);
  }

  /** Waits for the next reply. */
  reply(): Promise<SmtpResponse> {
    const ready = this.replies.shift();
    if (ready) {
      return Promise.resolve(ready);
    }
    if (this.closed) {
      return Promise.resolve({ code: 0, lines: [], text: 'connection closed' });
    }
    return new Promise((resolve) => this.pending.push({ resolve }));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async quit(): Promise<void> {
    if (!this.closed) {
      await this.command('QUIT').catch(() => undefined);
    }
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 2);
      const match = /^(\d{3})([ -])?(.*)$/.exec(line);
      if (!match) {
        continue;
      }
      this.current.push(match[3]);
      if (match[2] !== '-') {
        const response = { code: Number(match[1]), lines: this.current, text: this.current.join(' ').trim() };
        this.current = [];
        const waiter = this.pending.shift();
        if (waiter) {
          waiter.resolve(response);
        } else {
          this.replies.push(response);
        }
      }
    }
  }
}

export interface SmtpTransaction {
  from: string;
  to: string[];
  message: string | Buffer;
  helo?: string;
}

export interface SmtpTransactionResult {
  greeting: SmtpResponse;
  mailFrom: SmtpResponse;
  rcptTo: SmtpResponse[];
  /** The answer to DATA (354), or undefined when no recipient was accepted. */
  data?: SmtpResponse;
  /** The final answer to the message, or undefined when DATA was not reached. */
  final?: SmtpResponse;
}

/** One whole transaction on a new connection, every reply kept, then QUIT. */
export async function smtpTransaction(port: number, transaction: SmtpTransaction): Promise<SmtpTransactionResult> {
  const { dialogue, greeting } = await SmtpDialogue.open(port);
  try {
    await dialogue.command(`EHLO ${transaction.helo ?? 'client.test'}`);
    const mailFrom = await dialogue.command(`MAIL FROM:<${transaction.from}>`);
    const rcptTo: SmtpResponse[] = [];
    for (const address of transaction.to) {
      rcptTo.push(await dialogue.command(`RCPT TO:<${address}>`));
    }
    if (!rcptTo.some((response) => response.code === 250)) {
      return { greeting, mailFrom, rcptTo };
    }
    const data = await dialogue.command('DATA');
    if (data.code !== 354) {
      return { greeting, mailFrom, rcptTo, data };
    }
    const final = await dialogue.content(transaction.message);
    return { greeting, mailFrom, rcptTo, data, final };
  } finally {
    await dialogue.quit();
  }
}
