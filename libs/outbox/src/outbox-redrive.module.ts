import { Controller, DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RelayOutboxResult, SystemPatterns } from '@helpdesk/contracts';

import { Outbox } from './outbox.module';

/**
 * Adds `system.relay-outbox` to the RPC queue of a service that has an outbox (import it next
 * to OutboxModule): the scheduler's re-drive publishes whatever the service's own relay left
 * pending. Safe beside the relay and across replicas (rows are claimed with SKIP LOCKED).
 */
@Module({})
export class OutboxRedriveModule {
  static forService(service: string): DynamicModule {
    @Controller()
    class OutboxRedriveMessageController {
      constructor(private readonly outbox: Outbox) {}

      @MessagePattern(SystemPatterns.RelayOutbox)
      async relay(): Promise<RelayOutboxResult> {
        return { service, published: await this.outbox.relayPending() };
      }
    }
    return { module: OutboxRedriveModule, controllers: [OutboxRedriveMessageController] };
  }
}
