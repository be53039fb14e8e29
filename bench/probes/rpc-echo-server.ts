// A RabbitMQ RPC server written with amqplib alone: it answers every request on `bench.echo`
// through its reply-to queue with a Nest-shaped reply, so the raw amqplib client and the typed
// RpcClient can both be measured against the very same server.
import amqp from 'amqplib';

import { RPC_QUEUE_OPTIONS } from '../../libs/messaging/src';
import { serveParent } from '../lib/child';
import { ECHO_QUEUE } from './amqp-rpc';

async function main(): Promise<void> {
  const url = process.env.RABBITMQ_URL as string;
  const connection = await amqp.connect(url, { noDelay: true });
  const channel = await connection.createChannel();
  await channel.assertQueue(ECHO_QUEUE, RPC_QUEUE_OPTIONS);
  await channel.consume(
    ECHO_QUEUE,
    (message) => {
      if (!message) {
        return;
      }
      const request = JSON.parse(message.content.toString('utf8')) as { id?: string };
      const reply = { id: request.id, response: { service: 'bench', at: new Date().toISOString() }, isDisposed: true };
      channel.sendToQueue(message.properties.replyTo as string, Buffer.from(JSON.stringify(reply)), {
        correlationId: message.properties.correlationId as string,
      });
    },
    { noAck: true },
  );
  serveParent({ queue: ECHO_QUEUE }, {}, async () => {
    await connection.close();
  });
}

void main();
