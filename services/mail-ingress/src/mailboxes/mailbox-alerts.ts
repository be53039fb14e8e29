import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MailboxAlertPayload, MailIngressEvents } from '@helpdesk/contracts';
import { EventPublisher } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';

export const MAILBOX_ALERTS_OPTIONS = Symbol('MAILBOX_ALERTS_OPTIONS');
export interface MailboxAlertsOptions {
  url: string;
}

/** Tells notifications (which mails the admins) that a mailbox fails or works again. */
@Injectable()
export class MailboxAlerts implements OnApplicationShutdown {
  private readonly logger = new Logger(MailboxAlerts.name);
  private readonly publisher: EventPublisher;

  constructor(@Inject(MAILBOX_ALERTS_OPTIONS) options: MailboxAlertsOptions) {
    this.publisher = new EventPublisher(options.url);
  }

  /** True once the broker confirmed the alert; a lost alert is logged, and tried again on the next failure. */
  async publish(payload: MailboxAlertPayload): Promise<boolean> {
    try {
      await this.publisher.publish({
        eventId: randomUUID(),
        name: MailIngressEvents.MailboxAlert,
        occurredAt: new Date().toISOString(),
        payload,
      });
      return true;
    } catch (error) {
      this.logger.warn(`Could not tell the admins about mailbox ${payload.mailboxId}: ${(error as Error).message}`);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}
