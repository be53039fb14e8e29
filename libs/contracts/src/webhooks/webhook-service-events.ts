import { IsInt, IsString, Min } from 'class-validator';

/** The payload of `webhook.disabled`. */
export class WebhookDisabledPayload {
  @IsInt()
  @Min(1)
  webhookId: number;

  @IsString()
  url: string;

  /** Why, as the webhook's `disabledReason` says. */
  @IsString()
  reason: string;
}
