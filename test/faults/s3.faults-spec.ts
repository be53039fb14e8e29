import { ErrorCode, TicketView } from '@helpdesk/contracts';
import { bodyOf, expectEventually, TEST_S3_BUCKET } from '@helpdesk/testing';
import { Client } from 'pg';

import { OUTAGE_MS, recordFault, sleep } from './support/fault-report';
import { FullSystem, servicesNotRunning, NO_MAIL_PROBLEMS, startFullSystem, verifyMails } from './support/full-system';
import { unexpectedErrors, verifyLoad } from './support/load';
import { attemptDelivery, deliverWithRetries, replyMessage } from './support/mail-load';

/** Above MAIL_RAW_INLINE_MAX_BYTES (256 KiB): its raw source must go to S3 before the 250. */
const LARGE_MAIL_BYTES = 300 * 1024;

describe('S3 fails under load', () => {
  let full: FullSystem;

  beforeAll(async () => {
    full = await startFullSystem('faults-s3');
  });

  afterAll(() => full?.stop());

  it('answers 503 for files and 451 for large mail while S3 is down, and leaves nothing half-linked', async () => {
    const { system, world, sink } = full;
    const ticket = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: 'Before S3 fails',
        message: 'x',
      }),
      201,
    );
    const before = await uploadFile(world.owner, 'before.txt');
    expect(before.status).toBe(201);
    const load = full.load('s3-outage', { uploads: true });
    load.start();
    await sleep(2_000);
    await system.s3!.stop();
    const outageStarted = Date.now();
    const large = largeReply(full, ticket.id);
    const duringOutage = {
      upload: await uploadFile(world.owner, 'during.txt'),
      download: (await downloadFile(world.owner, before.body[0].id)).status,
      largeMail: await attemptDelivery(system.smtpPort, full.mail.clientEmail, large.to, large.message),
    };
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
    await system.s3!.start();
    const largeDelivered = await deliverWithRetries(
      full.mail,
      large,
      () => Date.now() + 60_000,
      () => undefined,
    );
    await sleep(3_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault('S3 down', verdict, OUTAGE_MS);
    expect(servicesNotRunning(system)).toEqual([]);
    expect({ status: duringOutage.upload.status, code: duringOutage.upload.body.code }).toEqual({
      status: 503,
      code: ErrorCode.StorageUnavailable,
    });
    expect(duringOutage.download).toBe(503);
    // A large message cannot be stored without S3: deferred, never a 250 without its raw source.
    expect(duringOutage.largeMail.code).toBe(451);
    expect(largeDelivered.code).toBe(250);
    // Uploads answered 503 and left no row; tickets, replies and small mail (kept in PostgreSQL)
    // never needed S3.
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, storedDespiteError: 0, mailsRefused: 0 });
    expect(verdict.errorsByCode['503 STORAGE_UNAVAILABLE']).toBeGreaterThan(0);
    expect(unexpectedErrors(verdict, ['503 STORAGE_UNAVAILABLE'])).toEqual([]);
    await expectEventually(async () => {
      const bodies = (await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`))).messages.map(
        (message) => message.body,
      );
      expect(bodies.filter((body) => body.startsWith('large-reply'))).toHaveLength(1);
    }, 30_000);
    expect((await downloadFile(world.owner, before.body[0].id)).status).toBe(200);
    await expectEveryAttachmentStored(full);
    await expectEventually(
      async () => expect(await verifyMails(system.isolation.databaseUrl, sink)).toEqual(NO_MAIL_PROBLEMS),
      30_000,
    );
  });
});

function largeReply(full: FullSystem, ticketId: number): { to: string; message: string } {
  const mail = replyMessage(full.mail, ticketId, `large-reply-${Date.now()}`);
  const filler = `\r\n\r\n> ${'quoted history '.repeat(64)}`.repeat(Math.ceil(LARGE_MAIL_BYTES / 1024));
  return { to: mail.to, message: `${mail.message}${filler}` };
}

/** Every attachment row the database holds has its object in the bucket. */
async function expectEveryAttachmentStored(full: FullSystem): Promise<void> {
  const db = new Client({ connectionString: full.system.isolation.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ object_key: string }>('SELECT "object_key" FROM "attachments"."attachments"');
    const objects = new Set(await full.system.s3!.keys(TEST_S3_BUCKET));
    expect(rows.filter((row) => !objects.has(row.object_key))).toEqual([]);
  } finally {
    await db.end();
  }
}

async function uploadFile(client: { baseUrl: string; token?: string }, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([`contents of ${filename}`], { type: 'text/plain' }), filename);
  const response = await fetch(`${client.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as { code?: string } & { id: number }[] };
}

async function downloadFile(client: { baseUrl: string; token?: string }, id: number) {
  const response = await fetch(`${client.baseUrl}/api/attachments/${id}`, {
    headers: { authorization: `Bearer ${client.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  return { status: response.status };
}
