import { Counter, Histogram } from 'prom-client';

export const webhookAttempts = new Counter({
  name: 'helpdesk_webhook_attempts_total',
  help: 'Webhook delivery attempts by what became of the delivery (succeeded, failed and retried later, dead)',
  labelNames: ['outcome'],
});

export const webhookAttemptDuration = new Histogram({
  name: 'helpdesk_webhook_attempt_duration_seconds',
  help: 'Time from sending a webhook request to its answer (or the timeout)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
