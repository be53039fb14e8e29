import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { WebhooksRepository } from './webhooks.repository';

/** At start, seals the signing secrets stored in plain text before they were encrypted at rest. */
@Injectable()
export class WebhookSecretsSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSecretsSealer.name);

  constructor(private readonly webhooks: WebhooksRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.webhooks.sealPlaintextSecrets();
    if (sealed > 0) {
      this.logger.log(`Encrypted the signing secrets of ${sealed} webhooks stored before WEBHOOK_SECRET_KEY`);
    }
  }
}
