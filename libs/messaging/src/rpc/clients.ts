import { Inject, Injectable } from '@nestjs/common';
import {
  AccessRpc,
  AttachmentRpc,
  MailIngressRpc,
  NotificationRpc,
  QueueName,
  Queues,
  SchedulerRpc,
  TicketRpc,
  WebhookRpc,
} from '@helpdesk/contracts';

import { RpcClient, RpcClientOptions, RpcContract } from './rpc-client';

export const RPC_CLIENT_OPTIONS = Symbol('RPC_CLIENT_OPTIONS');

/** The injectable client of one service's queue, typed by the contract `M` the queue answers. */
function queueClient<M extends RpcContract<M>>(queue: QueueName, name: string) {
  @Injectable()
  class QueueClient extends RpcClient<M> {
    constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
      super(queue, options);
    }
  }
  // Nest names a provider by its class in its messages (e.g. a missing dependency).
  Object.defineProperty(QueueClient, 'name', { value: name });
  return QueueClient;
}

export const AccessClient = queueClient<AccessRpc>(Queues.Access, 'AccessClient');
export type AccessClient = InstanceType<typeof AccessClient>;
export const TicketsClient = queueClient<TicketRpc>(Queues.Tickets, 'TicketsClient');
export type TicketsClient = InstanceType<typeof TicketsClient>;
export const AttachmentsClient = queueClient<AttachmentRpc>(Queues.Attachments, 'AttachmentsClient');
export type AttachmentsClient = InstanceType<typeof AttachmentsClient>;
export const NotificationsClient = queueClient<NotificationRpc>(Queues.Notifications, 'NotificationsClient');
export type NotificationsClient = InstanceType<typeof NotificationsClient>;
export const SchedulerClient = queueClient<SchedulerRpc>(Queues.Scheduler, 'SchedulerClient');
export type SchedulerClient = InstanceType<typeof SchedulerClient>;
export const MailIngressClient = queueClient<MailIngressRpc>(Queues.MailIngress, 'MailIngressClient');
export type MailIngressClient = InstanceType<typeof MailIngressClient>;
export const WebhooksClient = queueClient<WebhookRpc>(Queues.Webhooks, 'WebhooksClient');
export type WebhooksClient = InstanceType<typeof WebhooksClient>;
