/*
 * WIRE-LEVEL NAMES. Renaming a queue or the exchange strands every message already in it:
 * add the new name, drain the old one, then remove it.
 */

/** The durable RPC queue each service consumes (competing consumers across replicas). */
export const Queues = {
  Access: 'access',
  Tickets: 'tickets',
  Attachments: 'attachments',
  Notifications: 'notifications',
  MailIngress: 'mail-ingress',
  Scheduler: 'scheduler',
  Webhooks: 'webhooks',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

/** The topic exchange every domain event is published to, routing key = event name. */
export const EVENTS_EXCHANGE = 'helpdesk.events';

/** Where a consumer's messages go after their retries are spent. */
export const DEAD_LETTER_EXCHANGE = 'helpdesk.dead-letter';
