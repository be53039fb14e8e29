import { Counter } from 'prom-client';

export const notificationMails = new Counter({
  name: 'helpdesk_notification_mails_total',
  help: 'Notification mail delivery attempts by outcome (sent, retried, failed, skipped)',
  labelNames: ['outcome'],
});
