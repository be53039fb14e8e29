import { Inject, Injectable } from '@nestjs/common';
import {
  AccessRpc,
  AttachmentRpc,
  MailIngressRpc,
  NotificationRpc,
  Queues,
  SchedulerRpc,
  TicketRpc,
} from '@helpdesk/contracts';

import { RpcClient, RpcClientOptions } from './rpc-client';

export const RPC_CLIENT_OPTIONS = Symbol('RPC_CLIENT_OPTIONS');

@Injectable()
export class AccessClient extends RpcClient<AccessRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Access, options);
  }
}

@Injectable()
export class TicketsClient extends RpcClient<TicketRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Tickets, options);
  }
}

@Injectable()
export class AttachmentsClient extends RpcClient<AttachmentRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Attachments, options);
  }
}

@Injectable()
export class NotificationsClient extends RpcClient<NotificationRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Notifications, options);
  }
}

@Injectable()
export class SchedulerClient extends RpcClient<SchedulerRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.Scheduler, options);
  }
}

@Injectable()
export class MailIngressClient extends RpcClient<MailIngressRpc> {
  constructor(@Inject(RPC_CLIENT_OPTIONS) options: RpcClientOptions) {
    super(Queues.MailIngress, options);
  }
}
