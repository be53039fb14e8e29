import { randomUUID } from 'node:crypto';

import { AccessPatterns, ErrorCode, Queues, systemPrincipal } from '@helpdesk/contracts';
import { CORRELATION_HEADER, EXPIRES_HEADER, SIGNATURE_HEADER, signRpc } from '@helpdesk/messaging';
import { bodyOf, TEST_INTERNAL_SIGNING_KEY, TestSystem, uniqueName } from '@helpdesk/testing';
import { Channel, ChannelModel, connect, ConsumeMessage } from 'amqplib';

interface RpcReply {
  err?: { code?: string };
  response?: unknown;
}

/**
 * Someone who can publish on RabbitMQ but does not hold the internal key: they write Nest's
 * request format by hand, with whatever principal they like, and read the reply.
 */
class BrokerPublisher {
  private replies = new Map<string, (reply: RpcReply) => void>();

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
    private readonly replyQueue: string,
  ) {}

  static async connect(url: string): Promise<BrokerPublisher> {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    const publisher = new BrokerPublisher(connection, channel, queue);
    await channel.consume(queue, (message) => publisher.settle(message), { noAck: true });
    return publisher;
  }

  request(queue: string, pattern: string, data: unknown, headers: Record<string, string> = {}): Promise<RpcReply> {
    const correlationId = randomUUID();
    const reply = new Promise<RpcReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to '${pattern}'`)), 10_000);
      this.replies.set(correlationId, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    this.channel.sendToQueue(queue, Buffer.from(JSON.stringify({ pattern, data, id: randomUUID() })), {
      replyTo: this.replyQueue,
      correlationId,
      headers,
    });
    return reply;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private settle(message: ConsumeMessage | null): void {
    const correlationId = message?.properties.correlationId as string | undefined;
    if (message && correlationId) {
      this.replies.get(correlationId)?.(JSON.parse(message.content.toString()) as RpcReply);
      this.replies.delete(correlationId);
    }
  }
}

const signedHeaders = (pattern: string, payload: unknown, key: string, expiresAt = Date.now() + 5_000) => {
  const correlationId = randomUUID();
  return {
    [CORRELATION_HEADER]: correlationId,
    [EXPIRES_HEADER]: String(expiresAt),
    [SIGNATURE_HEADER]: signRpc(key, { pattern, correlationId, payload, expiresAt }),
  };
};

describe('the broker is not a back door: every RPC must be signed with the internal key', () => {
  let system: TestSystem;
  let publisher: BrokerPublisher;
  const forgedAdmin = { ...systemPrincipal('intruder'), id: 1 };
  const createDepartment = (name: string) => ({ name, principal: forgedAdmin });

  const departmentNames = async (): Promise<string[]> => {
    const admin = await system.admin();
    const departments = await bodyOf<{ name: string }[]>(admin.get('/api/departments'));
    return departments.map((department) => department.name);
  };

  beforeAll(async () => {
    system = await TestSystem.start('broker-trust');
    publisher = await BrokerPublisher.connect(system.isolation.rabbitmqUrl);
  }, 120_000);

  afterAll(async () => {
    await publisher?.close();
    await system?.stop();
  });

  it('an unsigned request with a forged admin principal is refused and changes nothing', async () => {
    const name = uniqueName('Forged');
    const reply = await publisher.request(Queues.Access, AccessPatterns.CreateDepartment, createDepartment(name));
    expect(reply.err?.code).toBe(ErrorCode.Unauthenticated);
    expect(await departmentNames()).not.toContain(name);
  });

  it('a request signed with another key is refused', async () => {
    const name = uniqueName('Forged');
    const payload = createDepartment(name);
    const headers = signedHeaders(AccessPatterns.CreateDepartment, payload, 'a-guessed-key');
    const reply = await publisher.request(Queues.Access, AccessPatterns.CreateDepartment, payload, headers);
    expect(reply.err?.code).toBe(ErrorCode.Unauthenticated);
    expect(await departmentNames()).not.toContain(name);
  });

  it('a signed request whose payload was changed on the way is refused', async () => {
    const signedFor = createDepartment(uniqueName('Signed'));
    const name = uniqueName('Tampered');
    const headers = signedHeaders(AccessPatterns.CreateDepartment, signedFor, TEST_INTERNAL_SIGNING_KEY);
    const reply = await publisher.request(
      Queues.Access,
      AccessPatterns.CreateDepartment,
      createDepartment(name),
      headers,
    );
    expect(reply.err?.code).toBe(ErrorCode.Unauthenticated);
    expect(await departmentNames()).not.toContain(name);
  });

  it('a request signed with the key but expired is refused', async () => {
    const name = uniqueName('Replayed');
    const payload = createDepartment(name);
    const headers = signedHeaders(
      AccessPatterns.CreateDepartment,
      payload,
      TEST_INTERNAL_SIGNING_KEY,
      Date.now() - 60_000,
    );
    const reply = await publisher.request(Queues.Access, AccessPatterns.CreateDepartment, payload, headers);
    expect(reply.err?.code).toBe(ErrorCode.Unauthenticated);
    expect(await departmentNames()).not.toContain(name);
  });

  it('the same request signed with the internal key, as a service sends it, is done', async () => {
    const name = uniqueName('Signed');
    const payload = createDepartment(name);
    const headers = signedHeaders(AccessPatterns.CreateDepartment, payload, TEST_INTERNAL_SIGNING_KEY);
    const reply = await publisher.request(Queues.Access, AccessPatterns.CreateDepartment, payload, headers);
    expect(reply.err).toBeUndefined();
    expect(await departmentNames()).toContain(name);
  });
});
