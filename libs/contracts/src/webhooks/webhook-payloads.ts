import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { WithPrincipal } from '../common/with-principal';
import { DeliveryStatus, WEBHOOK_EVENT_NAMES, WebhookEventName } from './webhook-events';

export const WEBHOOK_URL_MAX_LENGTH = 2000;

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookBody {
  @ApiField({ example: 'https://crm.example.com/hooks/helpdesk', maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  @IsUrl(URL_OPTIONS, { message: 'url: must be an absolute http(s) URL' })
  url: string;

  @ApiField({ enum: WEBHOOK_EVENT_NAMES, isArray: true, example: ['ticket.created', 'ticket.closed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_NAMES, { each: true, message: `events: each must be one of ${WEBHOOK_EVENT_NAMES.join(', ')}` })
  events: WebhookEventName[];

  @ApiFieldOptional({ description: 'only tickets of these departments; empty or absent: all', example: [3] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[];

  @ApiFieldOptional({ description: 'send ticket.note_added (internal notes)', default: false })
  @IsOptional()
  @IsBoolean()
  includeNotes?: boolean;

  @ApiFieldOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookBody {
  @ApiFieldOptional({ maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  @IsUrl(URL_OPTIONS, { message: 'url: must be an absolute http(s) URL' })
  url?: string;

  @ApiFieldOptional({ enum: WEBHOOK_EVENT_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_NAMES, { each: true, message: `events: each must be one of ${WEBHOOK_EVENT_NAMES.join(', ')}` })
  events?: WebhookEventName[];

  @ApiFieldOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[];

  @ApiFieldOptional()
  @IsOptional()
  @IsBoolean()
  includeNotes?: boolean;

  @ApiFieldOptional({ description: 'turning a webhook back on resets its count of dead deliveries' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListDeliveriesQuery {
  @ApiFieldOptional({ enum: DeliveryStatus })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;
}

export class CreateWebhookPayload extends WithPrincipal(CreateWebhookBody) {}

export class UpdateWebhookPayload extends WithPrincipal(UpdateWebhookBody) {
  @IsInt()
  @Min(1)
  id: number;
}

export class ListDeliveriesPayload extends WithPrincipal(ListDeliveriesQuery) {
  @IsInt()
  @Min(1)
  webhookId: number;
}

export class DeliveryByIdPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  webhookId: number;

  @Type(() => String)
  @IsUUID('4', { message: 'deliveryId: must be a delivery id (a UUID)' })
  deliveryId: string;
}
