import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { trackBrokerConnection } from '@helpdesk/config';
import { DomainEvent, EventName } from '@helpdesk/contracts';
import { EventPublisher } from '@helpdesk/messaging';
import { DataSource, EntityManager } from 'typeorm';

import { addToOutbox } from './outbox';
import { trackOutboxBacklog } from './outbox-metrics';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';

export interface OutboxModuleOptions extends OutboxRelayOptions {
  rabbitmqUrl: string;
}

const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

/** Writes events with the change that causes them, and relays them to the broker after commit. */
@Injectable()
export class Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: EventPublisher;
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxModuleOptions,
    dataSource: DataSource,
  ) {
    this.publisher = new EventPublisher(options.rabbitmqUrl);
    this.relay = new OutboxRelay(dataSource, this.publisher, options);
    trackOutboxBacklog(dataSource, options.schema);
    trackBrokerConnection(`outbox:${options.schema}`, () => this.publisher.isConnected());
  }

  /** Call inside the transaction that makes the change; then `flushSoon()` after it commits. */
  add<N extends EventName>(manager: EntityManager, events: DomainEvent<N>[]): Promise<void> {
    return addToOutbox(manager, this.options.schema, events);
  }

  flushSoon(): void {
    this.relay.poke();
  }

  /** Publishes everything pending now (the scheduler's re-drive and tests use it). */
  relayPending(): Promise<number> {
    return this.relay.relayPending();
  }

  brokerConnected(): boolean {
    return this.publisher.isConnected();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.close();
  }
}

@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [{ provide: OUTBOX_OPTIONS, useValue: options }, Outbox],
      exports: [Outbox],
    };
  }
}
