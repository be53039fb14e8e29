import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  CreateWebhookPayload,
  DeliveryByIdPayload,
  ListDeliveriesPayload,
  PrincipalOnlyPayload,
  UpdateWebhookPayload,
  WebhookDeliveryDetail,
  WebhookDeliveryView,
  WebhookPatterns,
  WebhookSecret,
  WebhookView,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksMessageController {
  constructor(private readonly webhooks: WebhooksService) {}

  @RpcHandler(WebhookPatterns.Create)
  create(@Payload() { principal, ...body }: CreateWebhookPayload): Promise<WebhookSecret> {
    return this.webhooks.create(principal, body);
  }

  @RpcHandler(WebhookPatterns.List)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<WebhookView[]> {
    return this.webhooks.list(payload.principal);
  }

  @RpcHandler(WebhookPatterns.Get)
  get(@Payload() payload: ByIdPayload): Promise<WebhookView> {
    return this.webhooks.get(payload.principal, payload.id);
  }

  @RpcHandler(WebhookPatterns.Update)
  update(@Payload() { principal, id, ...body }: UpdateWebhookPayload): Promise<WebhookView> {
    return this.webhooks.update(principal, id, body);
  }

  @RpcHandler(WebhookPatterns.Delete)
  delete(@Payload() payload: ByIdPayload): Promise<{ deleted: true }> {
    return this.webhooks.delete(payload.principal, payload.id);
  }

  @RpcHandler(WebhookPatterns.RotateSecret)
  rotateSecret(@Payload() payload: ByIdPayload): Promise<WebhookSecret> {
    return this.webhooks.rotateSecret(payload.principal, payload.id);
  }

  @RpcHandler(WebhookPatterns.Test)
  test(@Payload() payload: ByIdPayload): Promise<WebhookDeliveryView> {
    return this.webhooks.test(payload.principal, payload.id);
  }

  @RpcHandler(WebhookPatterns.ListDeliveries)
  listDeliveries(@Payload() payload: ListDeliveriesPayload): Promise<WebhookDeliveryView[]> {
    return this.webhooks.listDeliveries(payload.principal, payload.webhookId, payload.status);
  }

  @RpcHandler(WebhookPatterns.GetDelivery)
  getDelivery(@Payload() payload: DeliveryByIdPayload): Promise<WebhookDeliveryDetail> {
    return this.webhooks.getDelivery(payload.principal, payload.webhookId, payload.deliveryId);
  }

  @RpcHandler(WebhookPatterns.Redeliver)
  redeliver(@Payload() payload: DeliveryByIdPayload): Promise<WebhookDeliveryView> {
    return this.webhooks.redeliver(payload.principal, payload.webhookId, payload.deliveryId);
  }
}
