import { Controller, DynamicModule, Module } from '@nestjs/common';
import { RelayOutboxResult, SystemPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

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

      @RpcHandler(SystemPatterns.RelayOutbox)
      async relay(): Promise<RelayOutboxResult> {
        return { service, published: await this.outbox.relayPending() };
      }
    }
    return { module: OutboxRedriveModule, controllers: [OutboxRedriveMessageController] };
  }
}
