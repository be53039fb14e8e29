import { Logger } from '@nestjs/common';
import { ClientRMQ, ServerRMQ } from '@nestjs/microservices';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { Channel } from 'amqplib';

import { resetChannelOnError } from './broker-link';

/**
 * Nest's RMQ server, made to survive a broker restart: a failed channel setup reconnects instead
 * of crashing the process, and a reply that cannot be sent is logged (its caller times out).
 */
export class ResilientRmqServer extends ServerRMQ {
  private readonly brokerLogger = new Logger('RpcServer');

  override async setupChannel(channel: Channel, callback: () => void): Promise<void> {
    const { connection, wrapper } = this.link();
    if (connection && wrapper && wrapper.listenerCount('error') === 0) {
      resetChannelOnError(connection, wrapper, this.brokerLogger);
    }
    await super.setupChannel(channel, callback);
  }

  /** Nest's own, but a reply the broker loses (its channel closed before confirming) is only logged. */
  override sendMessage<T>(message: T, replyTo: string, correlationId: string): void {
    const { options, ...packet } = this.serializer.serialize(message as never) as { options?: object };
    this.link()
      .wrapper?.sendToQueue(replyTo, Buffer.from(JSON.stringify(packet)), { correlationId, ...options })
      .catch((error: Error) => this.brokerLogger.warn(`A reply was lost, its caller times out: ${error.message}`));
  }

  /** Nest types its amqp-connection-manager objects as `any`. */
  private link(): { connection: AmqpConnectionManager | null; wrapper: ChannelWrapper | null } {
    return { connection: this.server as AmqpConnectionManager | null, wrapper: this.channel as ChannelWrapper | null };
  }
}

/** Nest's RMQ client, whose channel reconnects instead of crashing the process when its setup fails. */
export class ResilientRmqClient extends ClientRMQ {
  private readonly brokerLogger = new Logger('RpcClient');

  override createChannel(): Promise<void> {
    const created = super.createChannel();
    const connection = this.client as AmqpConnectionManager | null;
    const wrapper = this.channel as ChannelWrapper | null;
    if (connection && wrapper) {
      resetChannelOnError(connection, wrapper, this.brokerLogger);
    }
    return created;
  }
}
