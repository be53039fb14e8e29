import { Inject, Injectable } from '@nestjs/common';
import {
  CreateWebhookBody,
  DeliveryStatus,
  DomainError,
  ErrorCode,
  isAdmin,
  Principal,
  UpdateWebhookBody,
  WEBHOOK_TEST_EVENT,
  WebhookBody,
  WebhookDeliveryDetail,
  WebhookDeliveryView,
  WebhookSecret,
  WebhookView,
} from '@helpdesk/contracts';
import { randomUUID } from 'node:crypto';

import { resolveTarget } from '../deliveries/address-policy';
import { DeliveriesRepository, toDeliveryDetail, toDeliveryView } from '../deliveries/deliveries.repository';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { newWebhookSecret } from '../deliveries/signature';
import { toWebhookView, WebhookRow, WebhooksRepository } from './webhooks.repository';

export const WEBHOOK_POLICY = Symbol('WEBHOOK_POLICY');
export interface WebhookPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
  /** How long a rotated-out secret keeps signing. */
  secretOverlapMs: number;
}

const DELIVERY_LOG_LIMIT = 200;

/** The admin side of webhooks: settings, secrets, the delivery log. Administrators only. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WEBHOOK_POLICY) private readonly policy: WebhookPolicy,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  async create(principal: Principal, body: CreateWebhookBody): Promise<WebhookSecret> {
    requireAdmin(principal);
    await this.checkUrl(body.url);
    const secret = newWebhookSecret();
    const row = await this.webhooks.create(
      {
        url: body.url,
        events: body.events,
        departmentIds: body.departmentIds ?? [],
        includeNotes: body.includeNotes ?? false,
        active: body.active ?? true,
      },
      secret,
    );
    return { id: row.id, secret };
  }

  async list(principal: Principal): Promise<WebhookView[]> {
    requireAdmin(principal);
    return (await this.webhooks.list()).map((row) => toWebhookView(row));
  }

  async get(principal: Principal, id: number): Promise<WebhookView> {
    requireAdmin(principal);
    return toWebhookView(await this.find(id));
  }

  async update(principal: Principal, id: number, body: UpdateWebhookBody): Promise<WebhookView> {
    requireAdmin(principal);
    const current = await this.find(id);
    if (body.url !== undefined && body.url !== current.url) {
      await this.checkUrl(body.url);
    }
    const updated = await this.webhooks.update(id, {
      url: body.url ?? current.url,
      events: body.events ?? current.events,
      departmentIds: body.departmentIds ?? current.department_ids,
      includeNotes: body.includeNotes ?? current.include_notes,
      active: body.active ?? current.active,
    });
    if (!updated) {
      throw webhookNotFound(id);
    }
    if (updated.active && !current.active) {
      this.worker.poke();
    }
    return toWebhookView(updated);
  }

  async delete(principal: Principal, id: number): Promise<{ deleted: true }> {
    requireAdmin(principal);
    if (!(await this.webhooks.delete(id))) {
      throw webhookNotFound(id);
    }
    return { deleted: true };
  }

  async rotateSecret(principal: Principal, id: number): Promise<WebhookSecret> {
    requireAdmin(principal);
    const secret = newWebhookSecret();
    if (!(await this.webhooks.rotateSecret(id, secret, this.policy.secretOverlapMs))) {
      throw webhookNotFound(id);
    }
    return { id, secret };
  }

  async test(principal: Principal, id: number): Promise<WebhookDeliveryView> {
    requireAdmin(principal);
    await this.find(id);
    const deliveryId = randomUUID();
    const occurredAt = new Date().toISOString();
    const body: WebhookBody = { id: deliveryId, event: WEBHOOK_TEST_EVENT, occurredAt, ticket: null, actor: null };
    await this.deliveries.insert([
      {
        id: deliveryId,
        webhookId: id,
        sourceEventId: null,
        event: WEBHOOK_TEST_EVENT,
        ticketId: null,
        body: JSON.stringify(body),
        occurredAt,
      },
    ]);
    this.worker.poke();
    return toDeliveryView(await this.findDelivery(id, deliveryId));
  }

  async listDeliveries(
    principal: Principal,
    webhookId: number,
    status: DeliveryStatus | undefined,
  ): Promise<WebhookDeliveryView[]> {
    requireAdmin(principal);
    await this.find(webhookId);
    return (await this.deliveries.list(webhookId, status, DELIVERY_LOG_LIMIT)).map(toDeliveryView);
  }

  async getDelivery(principal: Principal, webhookId: number, deliveryId: string): Promise<WebhookDeliveryDetail> {
    requireAdmin(principal);
    const webhook = await this.find(webhookId);
    return toDeliveryDetail(await this.findDelivery(webhookId, deliveryId), webhook.url);
  }

  async redeliver(principal: Principal, webhookId: number, deliveryId: string): Promise<WebhookDeliveryView> {
    requireAdmin(principal);
    const row = await this.deliveries.redeliver(webhookId, deliveryId);
    if (!row) {
      throw deliveryNotFound(deliveryId);
    }
    this.worker.poke();
    return toDeliveryView(row);
  }

  private async find(id: number): Promise<WebhookRow> {
    const row = await this.webhooks.findById(id);
    if (!row) {
      throw webhookNotFound(id);
    }
    return row;
  }

  private async findDelivery(webhookId: number, deliveryId: string) {
    const row = await this.deliveries.findById(webhookId, deliveryId);
    if (!row) {
      throw deliveryNotFound(deliveryId);
    }
    return row;
  }

  /** Refused here when saved, and again by the sender on every attempt (the DNS answer may change). */
  private async checkUrl(url: string): Promise<void> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && !this.policy.allowHttp) {
      throw new DomainError(ErrorCode.ValidationFailed, 'url: must be an https URL', { field: 'url' });
    }
    if (parsed.username || parsed.password) {
      throw new DomainError(ErrorCode.ValidationFailed, 'url: must not carry a user name or password', {
        field: 'url',
      });
    }
    const check = await resolveTarget(parsed, this.policy.allowPrivate);
    if (!check.ok) {
      const code = check.problem === 'forbidden' ? ErrorCode.WebhookUrlForbidden : ErrorCode.ValidationFailed;
      throw new DomainError(code, `url: ${check.reason}`, { field: 'url' });
    }
  }
}

function requireAdmin(principal: Principal): void {
  if (!isAdmin(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only administrators may manage webhooks.');
  }
}

function webhookNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.WebhookNotFound, `Webhook ${id} not found`, { webhookId: id });
}

function deliveryNotFound(id: string): DomainError {
  return new DomainError(ErrorCode.WebhookDeliveryNotFound, `Delivery '${id}' not found`, { deliveryId: id });
}
