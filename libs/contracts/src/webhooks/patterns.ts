import { ByIdPayload } from '../common/by-id';
import { PrincipalOnlyPayload } from '../common/with-principal';
import { WebhookDeliveryDetail, WebhookDeliveryView, WebhookSecret, WebhookView } from './webhook-views';
import {
  CreateWebhookPayload,
  DeliveryByIdPayload,
  ListDeliveriesPayload,
  UpdateWebhookPayload,
} from './webhook-payloads';

/** Commands the webhooks service answers (queue `webhooks`). Sent by the gateway; admins only. */
export const WebhookPatterns = {
  /** Registers a webhook; answers its secret, the only time it is shown. Not idempotent. */
  Create: 'webhooks.create',
  /** Every webhook. Idempotent. */
  List: 'webhooks.list',
  /** Idempotent. */
  Get: 'webhooks.get',
  /** Idempotent. */
  Update: 'webhooks.update',
  /** Removes a webhook and its delivery log. Idempotent in effect (a second call: not found). */
  Delete: 'webhooks.delete',
  /** A new secret; the old one keeps signing (as a second signature) for 24 hours. Not idempotent. */
  RotateSecret: 'webhooks.rotate-secret',
  /** Queues a `webhook.test` delivery and answers it. Not idempotent. */
  Test: 'webhooks.test',
  /** The webhook's deliveries, newest first, optionally of one status. Idempotent. */
  ListDeliveries: 'webhooks.list-deliveries',
  /** One delivery with its request and the start of the response. Idempotent. */
  GetDelivery: 'webhooks.get-delivery',
  /** Sends a delivery again, now, with the same id. Not idempotent. */
  Redeliver: 'webhooks.redeliver',
} as const;

export interface WebhookRpc {
  [WebhookPatterns.Create]: { payload: CreateWebhookPayload; result: WebhookSecret };
  [WebhookPatterns.List]: { payload: PrincipalOnlyPayload; result: WebhookView[] };
  [WebhookPatterns.Get]: { payload: ByIdPayload; result: WebhookView };
  [WebhookPatterns.Update]: { payload: UpdateWebhookPayload; result: WebhookView };
  [WebhookPatterns.Delete]: { payload: ByIdPayload; result: { deleted: true } };
  [WebhookPatterns.RotateSecret]: { payload: ByIdPayload; result: WebhookSecret };
  [WebhookPatterns.Test]: { payload: ByIdPayload; result: WebhookDeliveryView };
  [WebhookPatterns.ListDeliveries]: { payload: ListDeliveriesPayload; result: WebhookDeliveryView[] };
  [WebhookPatterns.GetDelivery]: { payload: DeliveryByIdPayload; result: WebhookDeliveryDetail };
  [WebhookPatterns.Redeliver]: { payload: DeliveryByIdPayload; result: WebhookDeliveryView };
}
