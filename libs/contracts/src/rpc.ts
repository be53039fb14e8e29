import { AccessRpc } from './access/patterns';
import { AttachmentRpc } from './attachments/patterns';
import { MailIngressRpc } from './mail-ingress/patterns';
import { NotificationRpc } from './notifications';
import { SchedulerRpc } from './scheduler/patterns';
import { SystemRpc } from './system';
import { TicketRpc } from './tickets/patterns';
import { WebhookRpc } from './webhooks/patterns';

/** Every RPC pattern with its payload and result: handlers are typed from it. */
export interface RpcMap
  extends AccessRpc, TicketRpc, AttachmentRpc, NotificationRpc, MailIngressRpc, SchedulerRpc, SystemRpc, WebhookRpc {}

export type RpcPattern = keyof RpcMap;
export type RpcPayload<P extends RpcPattern> = RpcMap[P]['payload'];
export type RpcResult<P extends RpcPattern> = RpcMap[P]['result'];
