import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { runWithCorrelationId } from '@helpdesk/config';
import { redactReplyTokens } from '@helpdesk/mail';
import { readFileSync } from 'node:fs';
import { SMTPServer, SMTPServerOptions, SMTPServerSession } from 'smtp-server';

import { MailReceiver } from '../receiving/mail-receiver';
import { AcceptedRecipient, Envelope } from '../mail/mail-types';
import { ConnectionLimits } from './connection-limits';
import { RefusalLimits, RefusalLimitsOptions } from './refusal-limits';
import { smtpError, SmtpReplies } from '../mail/smtp-replies';

export const SMTP_INGRESS_OPTIONS = Symbol('SMTP_INGRESS_OPTIONS');
export interface SmtpIngressOptions {
  host: string;
  port: number;
  /** The name in the greeting (the MX's host name). */
  hostname: string;
  maxBytes: number;
  tls: { keyPath: string; certPath: string } | null;
  maxRecipients: number;
  maxMessagesPerConnection: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  socketTimeoutMs: number;
  dataTimeoutMs: number;
  refusals: RefusalLimitsOptions;
}

/** smtp-server's connection objects, as far as a DATA deadline needs them. */
interface ConnectionHandle {
  id: string;
  close(): void;
}

/**
 * The SMTP listener (smtp-server): the MX of the mail domain. No AUTH (it only receives), STARTTLS
 * when a certificate is configured, SIZE advertised and enforced, and bounded recipients,
 * messages per connection, connections per client address, idle time and DATA time. The rules
 * live in MailReceiver; this only speaks the protocol.
 */
@Injectable()
export class SmtpIngress implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SmtpIngress.name);
  private readonly limits: ConnectionLimits;
  private readonly refusals: RefusalLimits;
  /** The recipients accepted in each session's current transaction. */
  private readonly recipients = new Map<string, AcceptedRecipient[]>();
  private server?: SMTPServer;
  private listening = false;

  constructor(
    @Inject(SMTP_INGRESS_OPTIONS) private readonly options: SmtpIngressOptions,
    private readonly receiver: MailReceiver,
  ) {
    this.limits = new ConnectionLimits(options.maxConnectionsPerAddress);
    this.refusals = new RefusalLimits(options.refusals);
  }

  get port(): number {
    return this.options.port;
  }

  isListening(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    const server = new SMTPServer(this.serverOptions());
    server.on('error', (error) => this.logger.warn(`SMTP connection error: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.listening = true;
    this.logger.log(
      `Receiving mail by SMTP on ${this.options.host}:${this.options.port}${this.options.tls ? ' (STARTTLS offered)' : ''}`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.listening = false;
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private serverOptions(): SMTPServerOptions {
    const { tls } = this.options;
    return {
      name: this.options.hostname,
      banner: 'helpdesk mail-ingress',
      size: this.options.maxBytes,
      // Our answers carry their own enhanced codes (smtp-server would call every 550 5.1.1).
      hideENHANCEDSTATUSCODES: true,
      hideDSN: true,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: readFileSync(tls.keyPath), cert: readFileSync(tls.certPath) } : {}),
      disableReverseLookup: true,
      logger: false,
      maxClients: this.options.maxConnections,
      maxRecipients: this.options.maxRecipients,
      socketTimeout: this.options.socketTimeoutMs,
      closeTimeout: 5_000,
      onConnect: (session, callback) => {
        if (!this.refusals.mayConnect(session.remoteAddress)) {
          return callback(smtpError(SmtpReplies.tooManyRefusals()));
        }
        if (!this.limits.open(session.id, session.remoteAddress)) {
          this.logger.warn(`Refused a connection from ${session.remoteAddress}: too many open from there`);
          return callback(smtpError(SmtpReplies.tooManyConnections()));
        }
        callback();
      },
      onClose: (session) => {
        this.limits.close(session.id);
        this.refusals.closed(session.id);
        this.recipients.delete(session.id);
      },
      onMailFrom: (_address, session, callback) => {
        this.recipients.set(session.id, []);
        if (session.transaction > this.options.maxMessagesPerConnection) {
          return callback(smtpError(SmtpReplies.tooManyMessages()));
        }
        callback();
      },
      onRcptTo: (address, session, callback) => {
        if (!this.refusals.mayJudge(session.id, session.remoteAddress)) {
          this.logger.warn(`Closed connection '${session.id}' from ${session.remoteAddress}: too many recipients`);
          return callback(smtpError(SmtpReplies.tooManyRefusals()));
        }
        void runWithCorrelationId(undefined, async () => {
          try {
            const check = await this.receiver.checkRecipient(address.address, envelopeOf(session));
            if (!check.accepted) {
              this.refusals.refused(session.id, session.remoteAddress);
              return callback(smtpError(check.reply));
            }
            const accepted = this.recipients.get(session.id) ?? [];
            accepted.push(check.recipient);
            this.recipients.set(session.id, accepted);
            callback();
          } catch (error) {
            this.logger.warn(
              `Could not judge recipient ${redactReplyTokens(address.address)}: ${(error as Error).message}`,
            );
            callback(smtpError(SmtpReplies.tryLater()));
          }
        });
      },
      onData: (stream, session, callback) => {
        const recipients = this.recipients.get(session.id) ?? [];
        const deadline = setTimeout(() => this.dropConnection(session.id), this.options.dataTimeoutMs);
        void runWithCorrelationId(undefined, async () => {
          try {
            const outcome = await this.receiver.receive(
              stream,
              { ...envelopeOf(session), to: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
              recipients,
            );
            if (outcome.accepted) {
              callback(null, outcome.text);
            } else {
              callback(smtpError(outcome.reply));
            }
          } catch (error) {
            // Never reached by design (receive answers 451 itself); the listener must survive it anyway.
            this.logger.error(`Receiving a message failed: ${(error as Error).stack}`);
            stream.resume();
            callback(smtpError(SmtpReplies.tryLater()));
          } finally {
            clearTimeout(deadline);
          }
        });
      },
    };
  }

  /** A DATA transfer that takes too long (a peer dribbling bytes) loses its connection. */
  private dropConnection(sessionId: string): void {
    const connections = (this.server as unknown as { connections?: Set<ConnectionHandle> })?.connections;
    for (const connection of connections ?? []) {
      if (connection.id === sessionId) {
        this.logger.warn(
          `Dropped connection '${sessionId}': its DATA took longer than ${this.options.dataTimeoutMs} ms`,
        );
        connection.close();
      }
    }
  }
}

function envelopeOf(session: SMTPServerSession): Omit<Envelope, 'to'> {
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return { from, remoteAddress: session.remoteAddress ?? null, helo: session.hostNameAppearsAs || null };
}
