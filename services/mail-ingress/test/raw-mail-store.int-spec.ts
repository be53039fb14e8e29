import { Logger } from '@nestjs/common';
import { InboundMailRoute, InboundMailState, PrincipalKind } from '@helpdesk/contracts';
import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { testDatabase } from '@helpdesk/testing';
import { DataSource } from 'typeorm';

import { InboundMail } from '../src/inbound-mails/inbound-mail.entity';
import { InboundMailsRepository, NewInboundMail } from '../src/inbound-mails/inbound-mails.repository';
import { MAIL_INGRESS_MIGRATIONS, MAIL_INGRESS_SCHEMA } from '../src/schema';
import { RawMailStore } from '../src/storage/raw-mail-store';

const acceptedMail: NewInboundMail = {
  remoteAddress: '127.0.0.1',
  envelopeFrom: 'casey@client.test',
  envelopeTo: ['reply+token@helpdesk.test'],
  headerFrom: 'casey@client.test',
  headerFromName: 'Casey',
  subject: 'Re: Printer',
  messageId: null,
  dedupeKey: null,
  route: InboundMailRoute.Token,
  routeKey: 'ticket:7:c3',
  ticketId: 7,
  departmentId: 2,
  author: { kind: PrincipalKind.Client, id: 3 },
  noteReason: null,
  noteFrom: null,
  senderVerdict: null,
  rawKey: null,
  size: 0,
  sha256: null,
  state: InboundMailState.Received,
  reason: null,
  detail: null,
};

async function* chunksOf(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield Buffer.from(part);
  }
}

describe('raw mail store, small messages in PostgreSQL', () => {
  const database = testDatabase('raw_mail_store');
  let dataSource: DataSource;
  let store: RawMailStore;
  let mails: InboundMailsRepository;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await database.create();
    dataSource = createServiceDataSource({
      url: database.url,
      schema: MAIL_INGRESS_SCHEMA,
      entities: [InboundMail],
      migrations: MAIL_INGRESS_MIGRATIONS,
      poolSize: 2,
      applicationName: 'raw-mail-store-int-spec',
    });
    await dataSource.initialize();
    await runServiceMigrations(dataSource, MAIL_INGRESS_SCHEMA);
    // An S3 endpoint nobody listens on: a message within the inline limit must never need it.
    store = new RawMailStore(
      {
        endpoint: 'http://127.0.0.1:9',
        accessKey: 'unused',
        secretKey: 'unused-secret',
        region: 'us-east-1',
        bucket: 'never-created',
        inlineMaxBytes: 64,
      },
      dataSource,
    );
    mails = new InboundMailsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  const rows = async () =>
    Number((await dataSource.query(`SELECT count(*) FROM "mail_ingress"."raw_messages"`))[0].count);

  /** Saved as MailReceiver saves it: by the statement that records the mail. */
  const save = async (text: string) => {
    const stored = await store.writeMessage(chunksOf(text));
    const body = stored.inline as Buffer;
    await mails.record(
      {
        ...acceptedMail,
        dedupeKey: `sha256:${stored.key}`,
        rawKey: stored.key,
        size: body.length,
      },
      { key: stored.key, body },
    );
    return stored.key;
  };

  it('hands a message within the limit back in memory, saving nothing and never asking S3', async () => {
    const before = await rows();
    const stored = await store.writeMessage(chunksOf('Subject: hi\r\n', '\r\n', 'Thanks!'));
    expect(stored.key).toMatch(/^inline\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\.eml$/);
    expect(stored.inline?.toString()).toBe('Subject: hi\r\n\r\nThanks!');
    expect(await rows()).toBe(before);
  });

  it('reads a message its record saved, whole or as a stream', async () => {
    const key = await save('Subject: hi\r\n\r\nThanks!');
    await expect(store.read(key)).resolves.toEqual(Buffer.from('Subject: hi\r\n\r\nThanks!'));
    const chunks: Buffer[] = [];
    for await (const chunk of (await store.open(key))!) {
      chunks.push(chunk as Buffer);
    }
    expect(Buffer.concat(chunks).toString()).toBe('Subject: hi\r\n\r\nThanks!');
  });

  it('forgets removed messages, and answers null for them', async () => {
    const kept = await save('kept');
    const removed = await save('removed');
    await store.remove([removed]);
    await expect(store.read(removed)).resolves.toBeNull();
    await expect(store.open(removed)).resolves.toBeNull();
    await expect(store.read(kept)).resolves.toEqual(Buffer.from('kept'));
  });

  it('keeps nothing when the source fails, and streams a larger message to S3 (unavailable here)', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from('partial');
      throw new Error('connection lost');
    }
    const before = await rows();
    await expect(store.writeMessage(broken())).rejects.toThrow('connection lost');
    await expect(store.writeMessage(chunksOf('x'.repeat(40), 'y'.repeat(40)))).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    expect(await rows()).toBe(before);
  });
});
