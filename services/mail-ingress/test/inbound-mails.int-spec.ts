import { Logger } from '@nestjs/common';
import { InboundMailRoute, InboundMailState, PrincipalKind } from '@helpdesk/contracts';
import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { testDatabase } from '@helpdesk/testing';
import { DataSource } from 'typeorm';

import { InboundMail } from '../src/inbound-mails/inbound-mail.entity';
import { InboundMailsRepository, NewInboundMail } from '../src/inbound-mails/inbound-mails.repository';
import { MAIL_INGRESS_MIGRATIONS, MAIL_INGRESS_SCHEMA } from '../src/schema';

const accepted = (overrides: Partial<NewInboundMail> = {}): NewInboundMail => ({
  remoteAddress: '127.0.0.1',
  envelopeFrom: 'casey@client.test',
  envelopeTo: ['reply+token@helpdesk.test'],
  headerFrom: 'Casey <casey@client.test>',
  headerFromName: 'Casey',
  subject: 'Re: Printer on fire',
  messageId: '<reply-1@client.test>',
  dedupeKey: 'mid:<reply-1@client.test>',
  route: InboundMailRoute.Token,
  routeKey: 'ticket:7:client:3',
  ticketId: 7,
  departmentId: 2,
  author: { kind: PrincipalKind.Client, id: 3 },
  noteReason: null,
  noteFrom: null,
  senderVerdict: null,
  rawKey: 'raw/2026/11/27/a.eml',
  size: 1234,
  sha256: 'ab'.repeat(32),
  state: InboundMailState.Received,
  reason: null,
  detail: null,
  ...overrides,
});

describe('inbound mails repository (PostgreSQL)', () => {
  const database = testDatabase('inbound_mails');
  const databaseUrl = database.url;
  let dataSource: DataSource;
  let mails: InboundMailsRepository;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await database.create();
    dataSource = createServiceDataSource({
      url: databaseUrl,
      schema: MAIL_INGRESS_SCHEMA,
      entities: [InboundMail],
      migrations: MAIL_INGRESS_MIGRATIONS,
      poolSize: 2,
      applicationName: 'inbound-mails-int-spec',
    });
    await dataSource.initialize();
    await runServiceMigrations(dataSource, MAIL_INGRESS_SCHEMA);
    mails = new InboundMailsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  it('returns a recorded mail exactly as reading it back would', async () => {
    const { mail, duplicate } = await mails.record(accepted());
    expect(duplicate).toBe(false);
    expect(mail).toEqual(await mails.findById(Number(mail.id)));
    expect(mail).toMatchObject({ ticketId: 7, attachmentIds: null, droppedAttachments: [], attempts: 0 });
  });

  it('returns the existing row, marked a duplicate, for the same message on the same route', async () => {
    const first = await mails.record(accepted({ dedupeKey: 'mid:<twice@client.test>' }));
    const second = await mails.record(accepted({ dedupeKey: 'mid:<twice@client.test>' }));
    expect(second).toEqual({ mail: first.mail, duplicate: true });
  });

  it('claims a waiting mail once, returning it as reading it back would', async () => {
    const { mail } = await mails.record(accepted({ dedupeKey: 'mid:<claim@client.test>' }));
    const claimed = await mails.claim(Number(mail.id), 60_000);
    expect(claimed?.mail).toEqual(await mails.findById(Number(mail.id)));
    expect(claimed?.mail).toMatchObject({ state: InboundMailState.Processing, attempts: 1 });
    expect(claimed?.mail.leaseUntil).toBeInstanceOf(Date);
    expect(claimed?.inlineRaw).toBeNull();
    expect(await mails.claim(Number(mail.id), 60_000)).toBeNull();
  });

  it("saves a small message's bytes with its record, and hands them back with the claim", async () => {
    const raw = { key: 'inline/2026/12/03/one.eml', body: Buffer.from('Subject: hi\r\n\r\nThanks') };
    const { mail } = await mails.record(accepted({ dedupeKey: 'mid:<inline@client.test>', rawKey: raw.key }), raw);
    const [saved] = await dataSource.query(`SELECT "body" FROM "mail_ingress"."raw_messages" WHERE "key" = $1`, [
      raw.key,
    ]);
    expect(saved.body).toEqual(raw.body);
    await expect(mails.claim(Number(mail.id), 60_000)).resolves.toMatchObject({ inlineRaw: raw.body });
  });

  it('keeps the attachment ids as numbers', async () => {
    const { mail } = await mails.record(accepted({ dedupeKey: 'mid:<files@client.test>' }));
    await mails.saveAttachments(Number(mail.id), [11, 12], []);
    await mails.release(Number(mail.id), 'retry');
    await dataSource.query(`UPDATE "mail_ingress"."inbound_messages" SET "state" = 'received' WHERE "id" = $1`, [
      mail.id,
    ]);
    expect((await mails.claim(Number(mail.id), 60_000))?.mail.attachmentIds).toEqual([11, 12]);
  });
});
