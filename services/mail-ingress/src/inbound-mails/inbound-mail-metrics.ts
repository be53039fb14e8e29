import { Counter, Gauge } from 'prom-client';

export const inboundMails = new Counter({
  name: 'helpdesk_inbound_mails_total',
  help: 'Inbound mails (one per routed recipient) accepted or refused on receipt, or failed in processing',
  labelNames: ['outcome'],
});

export interface InboundBacklog {
  waiting: number;
  oldestAgeSeconds: number;
}

let readBacklog: (() => Promise<InboundBacklog>) | undefined;

async function backlog(): Promise<InboundBacklog | undefined> {
  return readBacklog?.();
}

new Gauge({
  name: 'helpdesk_inbound_mail_backlog_messages',
  help: 'Accepted inbound mails not processed yet (received or processing)',
  async collect() {
    const current = await backlog();
    if (current) {
      this.set(current.waiting);
    }
  },
});

new Gauge({
  name: 'helpdesk_inbound_mail_backlog_oldest_age_seconds',
  help: 'Age of the oldest accepted inbound mail not processed yet (0 when none waits)',
  async collect() {
    const current = await backlog();
    if (current) {
      this.set(current.oldestAgeSeconds);
    }
  },
});

/** Reports the processing backlog of inbound mail, as `read` counts it, at each scrape. */
export function trackInboundBacklog(read: () => Promise<InboundBacklog>): void {
  readBacklog = read;
}
