import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PollLoop, runWithCorrelationId } from '@helpdesk/config';

import { afterFailure, RetryPolicy } from './delivery-policy';
import { notificationMails } from './mail-metrics';
import { OutgoingMail } from './outgoing-mail.entity';
import { OutgoingMailsRepository } from './outgoing-mails.repository';
import { RecipientCheck } from './recipient-check';
import { SmtpMailer } from './smtp-mailer';

export const MAIL_RELAY_OPTIONS = Symbol('MAIL_RELAY_OPTIONS');
export interface MailRelayOptions extends RetryPolicy {
  pollIntervalMs: number;
  batchSize: number;
  /** How long a claimed mail is held before another pass may take it again. */
  leaseMs: number;
}

const PROCESSED_EVENTS_RETENTION_MS = 30 * 86_400_000;

/**
 * Sends pending mails: right after an event recorded some (`poke`), and every poll interval
 * for those waiting on a retry. A mail is marked sent only after the SMTP server accepted it,
 * so an outage delays mail and a crash mid-send can at worst send one twice. Staff mail whose
 * recipient lost access to the ticket since it was recorded is skipped instead.
 */
@Injectable()
export class MailRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailRelay.name);
  private readonly loop: PollLoop;
  private lastPurgeAt = 0;

  constructor(
    @Inject(MAIL_RELAY_OPTIONS) private readonly options: MailRelayOptions,
    private readonly mails: OutgoingMailsRepository,
    private readonly mailer: SmtpMailer,
    private readonly recipients: RecipientCheck,
  ) {
    this.loop = new PollLoop({
      name: 'Mail relay',
      pollIntervalMs: options.pollIntervalMs,
      // A pass of its own correlation id, not that of the event whose poke scheduled it.
      pass: () => runWithCorrelationId(undefined, () => this.sendDue().then(() => this.purgeOccasionally())),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  poke(): void {
    this.loop.poke();
  }

  /** One pass over the mails due now; returns how many it tried. */
  async sendDue(): Promise<number> {
    let tried = 0;
    for (;;) {
      const batch = await this.mails.claimDue(this.options.batchSize, this.options.leaseMs);
      await this.deliverChecked(batch);
      tried += batch.length;
      if (batch.length < this.options.batchSize || this.loop.stopping) {
        return tried;
      }
    }
  }

  private async deliverChecked(batch: OutgoingMail[]): Promise<void> {
    let skips: Map<OutgoingMail, string>;
    try {
      skips = await this.recipients.reasonsToSkip(batch);
    } catch (error) {
      // Staff mail whose recipients could not be checked waits, as after a failed send.
      await Promise.all(
        batch.map((mail) => (RecipientCheck.concerns(mail) ? this.recordFailure(mail, error) : this.deliver(mail))),
      );
      return;
    }
    await Promise.all(
      batch.map((mail) => {
        const reason = skips.get(mail);
        return reason === undefined ? this.deliver(mail) : this.skip(mail, reason);
      }),
    );
  }

  private async skip(mail: OutgoingMail, reason: string): Promise<void> {
    await this.mails.markSkipped(mail.id, reason);
    notificationMails.inc({ outcome: 'skipped' });
    this.logger.log(`Mail '${mail.id}' (${mail.kind}, ticket #${mail.ticketId}) was not sent: ${reason}`);
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    const started = Date.now();
    let response: string;
    try {
      response = await this.mailer.send(mail);
    } catch (error) {
      await this.recordFailure(mail, error);
      return;
    }
    await this.mails.markSent(mail.id);
    notificationMails.inc({ outcome: 'sent' });
    this.logger.log(
      `Mail '${mail.id}' (${mail.kind}, ticket #${mail.ticketId}) was accepted in ${((Date.now() - started) / 1000).toFixed(2)} s: ${response}`,
    );
  }

  private async recordFailure(mail: OutgoingMail, error: unknown): Promise<void> {
    const outcome = afterFailure(error, mail, this.options, new Date());
    if ('failed' in outcome) {
      await this.mails.markFailed(mail.id, outcome.error);
      notificationMails.inc({ outcome: 'failed' });
      this.logger.error(`Mail '${mail.id}' (ticket #${mail.ticketId}) failed for good: ${outcome.error}`);
      return;
    }
    await this.mails.markRetry(mail.id, outcome.error, outcome.retryAt);
    notificationMails.inc({ outcome: 'retried' });
    this.logger.warn(
      `Mail '${mail.id}' (attempt ${mail.attempts}) will be retried at ${outcome.retryAt.toISOString()}: ${outcome.error}`,
    );
  }

  private async purgeOccasionally(): Promise<void> {
    if (Date.now() - this.lastPurgeAt < 3_600_000) {
      return;
    }
    this.lastPurgeAt = Date.now();
    await this.mails.purgeProcessedEvents(PROCESSED_EVENTS_RETENTION_MS);
  }
}
