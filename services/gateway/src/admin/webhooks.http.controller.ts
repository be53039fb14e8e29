import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  CreateWebhookBody,
  ListDeliveriesQuery,
  Principal,
  UpdateWebhookBody,
  WebhookDeliveryDetail,
  WebhookDeliveryView,
  WebhookPatterns,
  WebhookSecret,
  WebhookView,
} from '@helpdesk/contracts';
import { WebhooksClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('admin')
@ApiBearerAuth()
@TokenScope(ApiScope.Admin)
@Controller('admin/webhooks')
export class WebhooksHttpController {
  constructor(private readonly webhooks: WebhooksClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a webhook; the answer holds its signing secret, shown only this once (admins)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookBody): Promise<WebhookSecret> {
    return this.webhooks.send(WebhookPatterns.Create, { principal, ...body });
  }

  @Get()
  @ApiOperation({ summary: 'Every webhook (admins)' })
  list(@CurrentPrincipal() principal: Principal): Promise<WebhookView[]> {
    return this.webhooks.send(WebhookPatterns.List, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook (admins)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<WebhookView> {
    return this.webhooks.send(WebhookPatterns.Get, { principal, id });
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a webhook's URL, events, departments, notes or whether it is on (admins)" })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateWebhookBody,
  ): Promise<WebhookView> {
    return this.webhooks.send(WebhookPatterns.Update, { principal, id, ...body });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a webhook and its delivery log (admins)' })
  delete(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<{ deleted: true }> {
    return this.webhooks.send(WebhookPatterns.Delete, { principal, id });
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the old one also signs for 24 hours (admins)' })
  rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<WebhookSecret> {
    return this.webhooks.send(WebhookPatterns.RotateSecret, { principal, id });
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test delivery now; follow it in the delivery log (admins)' })
  test(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<WebhookDeliveryView> {
    return this.webhooks.send(WebhookPatterns.Test, { principal, id });
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "The webhook's deliveries, newest first (the latest 200), optionally of one status (admins)",
  })
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) webhookId: number,
    @Query() query: ListDeliveriesQuery,
  ): Promise<WebhookDeliveryView[]> {
    return this.webhooks.send(WebhookPatterns.ListDeliveries, { principal, webhookId, ...query });
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery: its request and the first 4 KB of the answer (admins)' })
  delivery(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) webhookId: number,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDetail> {
    return this.webhooks.send(WebhookPatterns.GetDelivery, { principal, webhookId, deliveryId });
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now, with the same delivery id (admins)' })
  redeliver(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) webhookId: number,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.send(WebhookPatterns.Redeliver, { principal, webhookId, deliveryId });
  }
}
