import { Logger } from '@nestjs/common';
import { AttachmentPatterns, AttachmentView, ErrorCode, TicketView } from '@helpdesk/contracts';
import { AttachmentsClient } from '@helpdesk/messaging';
import {
  ApiClient,
  bodyOf,
  createWorld,
  expectEventually,
  HttpResponse,
  TEST_S3_BUCKET,
  TestSystem,
  World,
} from '@helpdesk/testing';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';

const MB = 1024 * 1024;

interface Upload {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** Small but genuine-looking files of every allowed kind (what file-type and the text test see). */
const ALLOWED: (Upload & { contentType: string })[] = [
  {
    name: 'screenshot.png',
    bytes: hex('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489'),
    contentType: 'image/png',
  },
  { name: 'photo.jpg', bytes: hex('ffd8ffe000104a46494600010100000100010000ffdb'), contentType: 'image/jpeg' },
  { name: 'anim.gif', bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), contentType: 'image/gif' },
  {
    name: 'pic.webp',
    bytes: Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00', 'latin1'),
    contentType: 'image/webp',
  },
  {
    name: 'invoice.pdf',
    bytes: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    contentType: 'application/pdf',
  },
  {
    name: 'server.log',
    bytes: Buffer.from('2024-05-01 12:00:01 ERROR payment failed: timeout\n'),
    contentType: 'text/plain; charset=utf-8',
  },
  { name: 'notes.txt', bytes: Buffer.from('Grüße aus München\n'), contentType: 'text/plain; charset=utf-8' },
  {
    name: 'logs.zip',
    bytes: Buffer.concat([hex('504b0304140000000800'), Buffer.alloc(20), Buffer.from('app.log')]),
    contentType: 'application/zip',
  },
  { name: 'logs.log.gz', bytes: gzipSync('some log lines\n'), contentType: 'application/gzip' },
  { name: 'bundle.tar', bytes: tarHeader('app.log'), contentType: 'application/x-tar' },
  { name: 'backup.7z', bytes: hex('377abcaf271c000427f5'), contentType: 'application/x-7z-compressed' },
];

const REFUSED: [string, Upload][] = [
  ['HTML', { name: 'page.txt', bytes: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') }],
  ['HTML by name', { name: 'page.html', bytes: Buffer.from('hello') }],
  [
    'SVG',
    { name: 'logo.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), type: 'image/svg+xml' },
  ],
  [
    'SVG named as text',
    { name: 'logo.log', bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') },
  ],
  [
    'a Windows executable',
    {
      name: 'setup.zip',
      bytes: Buffer.concat([Buffer.from('MZ'), hex('90000300000004000000ffff0000b8'), Buffer.alloc(64)]),
    },
  ],
  [
    'an ELF executable',
    { name: 'tool', bytes: Buffer.concat([hex('7f454c46020101000000000000000000'), Buffer.alloc(48)]) },
  ],
  ['a shell script', { name: 'fix.log', bytes: Buffer.from('#!/bin/sh\nrm -rf /\n') }],
  ['a script by name', { name: 'fix.sh', bytes: Buffer.from('echo hello\n') }],
  ['a PDF named .png', { name: 'image.png', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }],
  ['a PNG sent as application/pdf', { name: 'scan', bytes: ALLOWED[0].bytes, type: 'application/pdf' }],
  ['random bytes', { name: 'data.bin2', bytes: randomBytes(4096) }],
];

describe('attachments', () => {
  let system: TestSystem;
  let world: World;
  let db: Client;
  let rpc: AttachmentsClient;

  beforeAll(async () => {
    system = await TestSystem.start('attachments', { services: ['access', 'tickets', 'attachments', 'gateway'] });
    world = await createWorld(system.api(), await system.admin());
    db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    // attachments.remove-unlinked has no HTTP route: the scheduler sends it, as this client does.
    Logger.overrideLogger(['error', 'warn']);
    rpc = new AttachmentsClient({ url: system.isolation.rabbitmqUrl, timeoutMs: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await rpc?.onModuleDestroy();
    await db?.end();
    await system?.stop();
  }, 60_000);

  const rows = async () =>
    (
      await db.query(
        'SELECT "id", "status", "size", "sha256", "object_key" FROM "attachments"."attachments" ORDER BY "id"',
      )
    ).rows;
  const keys = () => system.s3!.keys(TEST_S3_BUCKET);
  const uploadOk = async (client: ApiClient, files: Upload[]): Promise<AttachmentView[]> =>
    bodyOf(upload(client, files), 201);
  const openTicket = (client: ApiClient, attachmentIds?: number[]) =>
    client.post('/api/tickets', {
      departmentId: world.departmentA.id,
      subject: 'With files',
      message: 'See attached',
      attachmentIds,
    });

  it('stores every allowed kind, deciding the type from the bytes and keeping a SHA-256 of each', async () => {
    const stored = await uploadOk(
      world.owner,
      ALLOWED.map(({ name, bytes }) => ({ name, bytes, type: 'application/octet-stream' })),
    );
    expect(stored.map(({ filename, size, contentType }) => ({ filename, size, contentType }))).toEqual(
      ALLOWED.map(({ name, bytes, contentType }) => ({ filename: name, size: bytes.length, contentType })),
    );
    const byId = new Map((await rows()).map((row) => [Number(row.id), row]));
    stored.forEach((attachment, i) => {
      expect(byId.get(attachment.id)).toMatchObject({ status: 'stored', sha256: sha256(ALLOWED[i].bytes) });
    });
    expect(await keys()).toEqual(expect.arrayContaining(stored.map((a) => byId.get(a.id)!.object_key)));
  });

  it('links uploads to a new ticket, a reply and a note, and lists them with each message', async () => {
    const [a] = await uploadOk(world.owner, [{ name: 'one.txt', bytes: Buffer.from('one') }]);
    const [b, c] = await uploadOk(world.owner, [
      { name: 'two.txt', bytes: Buffer.from('two') },
      { name: 'three.txt', bytes: Buffer.from('three') },
    ]);
    const [n] = await uploadOk(world.staffA, [{ name: 'internal.log', bytes: Buffer.from('staff only') }]);

    const ticket = await bodyOf<TicketView>(openTicket(world.owner, [a.id]), 201);
    expect(ticket.messages[0].attachments).toEqual([a]);
    const reply = await bodyOf(
      world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'more', attachmentIds: [b.id, c.id] }),
      201,
    );
    expect(reply.attachments).toEqual([b, c]);
    const note = await bodyOf(
      world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'log', attachmentIds: [n.id] }),
      201,
    );
    expect(note.attachments).toEqual([n]);

    const staffView = await bodyOf<TicketView>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(staffView.messages.map((message) => message.attachments)).toEqual([[a], [b, c], [n]]);
    const clientView = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`));
    expect(clientView.messages.map((message) => message.attachments)).toEqual([[a], [b, c]]);

    // The attachments service learns each link from the tickets service's events.
    const messageIds = staffView.messages.map((message) => message.id);
    await expectEventually(async () => {
      const links = await db.query(
        'SELECT "id", "ticket_id", "message_id" FROM "attachments"."attachments" WHERE "id" = ANY($1) ORDER BY "id"',
        [[a.id, b.id, c.id, n.id]],
      );
      expect(links.rows.map((row) => [Number(row.ticket_id), Number(row.message_id)])).toEqual([
        [ticket.id, messageIds[0]],
        [ticket.id, messageIds[1]],
        [ticket.id, messageIds[1]],
        [ticket.id, messageIds[2]],
      ]);
    });
  });

  it('answers 400 for a body that is no form, a form without files, and parts not named "file"', async () => {
    const json = await world.owner.post('/api/attachments', { file: 'x' });
    expect({ status: json.status, code: json.body.code }).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    const empty = new FormData();
    empty.append('note', 'no file here');
    const misnamed = new FormData();
    misnamed.append('upload', new Blob(['hello']), 'hello.txt');
    for (const form of [empty, misnamed]) {
      const response = await fetch(`${system.baseUrl}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.owner.token}` },
        body: form,
      });
      expect({ status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({
        status: 400,
        code: ErrorCode.ValidationFailed,
      });
    }
    const anonymous = await fetch(`${system.baseUrl}/api/attachments`, { method: 'POST', body: empty });
    expect(anonymous.status).toBe(401);
  });

  it('links an attachment once, and only its uploader can', async () => {
    const [mine] = await uploadOk(world.owner, [{ name: 'mine.txt', bytes: Buffer.from('mine') }]);
    const [theirs] = await uploadOk(world.otherClient, [{ name: 'theirs.txt', bytes: Buffer.from('theirs') }]);
    const ticket = await bodyOf<TicketView>(openTicket(world.owner, [mine.id]), 201);

    const again = await world.owner.post(`/api/tickets/${ticket.id}/replies`, {
      message: 'again',
      attachmentIds: [mine.id],
    });
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: ErrorCode.AttachmentAlreadyLinked,
    });
    const stolen = await world.owner.post(`/api/tickets/${ticket.id}/replies`, {
      message: 'stolen',
      attachmentIds: [theirs.id],
    });
    expect({ status: stolen.status, code: stolen.body.code }).toEqual({
      status: 404,
      code: ErrorCode.AttachmentNotFound,
    });
    const byStaff = await world.staffA.post(`/api/tickets/${ticket.id}/notes`, {
      message: 'x',
      attachmentIds: [theirs.id],
    });
    expect(byStaff.status).toBe(404);
    const invalid = await openTicket(world.owner, [0, 1.5] as number[]);
    expect(invalid.status).toBe(400);

    // Two messages racing for one upload: exactly one gets it, the other is refused whole.
    const [raced] = await uploadOk(world.owner, [{ name: 'raced.txt', bytes: Buffer.from('raced') }]);
    const race = await Promise.all(
      [1, 2].map((i) =>
        world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: `race ${i}`, attachmentIds: [raced.id] }),
      ),
    );
    expect(race.map((response) => response.status).sort()).toEqual([201, 409]);
    const view = await bodyOf<TicketView>(world.owner.get(`/api/tickets/${ticket.id}`));
    expect(view.messages.map((message) => message.body)).toEqual([
      'See attached',
      race.find((r) => r.status === 201)!.body.body,
    ]);
  });

  it('lets exactly those who can see the message download, with safe headers', async () => {
    const filename = 'Überweisung März – 日本 "final".pdf';
    const pdf = Buffer.from('%PDF-1.7\nsecret figures\n%%EOF\n');
    const [onTicket] = await uploadOk(world.owner, [{ name: filename, bytes: pdf }]);
    const [onNote] = await uploadOk(world.staffA, [{ name: 'note.log', bytes: Buffer.from('internal\n') }]);
    const [unlinked] = await uploadOk(world.owner, [{ name: 'draft.txt', bytes: Buffer.from('draft\n') }]);
    const ticket = await bodyOf<TicketView>(openTicket(world.owner, [onTicket.id]), 201);
    await bodyOf(
      world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'n', attachmentIds: [onNote.id] }),
      201,
    );

    const matrix: [string, ApiClient, [number, number, number]][] = [
      ['admin', world.admin, [200, 200, 404]],
      ['staff of the department', world.staffA, [200, 200, 404]],
      ['staff of another department', world.staffB, [404, 404, 404]],
      ['the client', world.owner, [200, 404, 200]],
      ['another client', world.otherClient, [404, 404, 404]],
    ];
    for (const [who, client, expected] of matrix) {
      const statuses = await Promise.all(
        [onTicket, onNote, unlinked].map(async (a) => (await download(client, a.id)).status),
      );
      expect({ who, statuses }).toEqual({ who, statuses: expected });
    }
    const missing = await download(world.admin, 999_999);
    expect({ status: missing.status, code: JSON.parse(missing.bytes.toString()).code }).toEqual({
      status: 404,
      code: ErrorCode.AttachmentNotFound,
    });

    const file = await download(world.staffA, onTicket.id);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-length')).toBe(String(pdf.length));
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/filename="[^"]*"[^;]/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(filename.replace(/"/g, '%22'));
  });

  it.each(REFUSED)('refuses %s with 415, storing nothing', async (_, file) => {
    const [rowsBefore, keysBefore] = [await rows(), await keys()];
    const response = await upload(world.owner, [file]);
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 415,
      code: ErrorCode.AttachmentKindNotAllowed,
    });
    expect(response.body.message).toMatch(/Allowed: images \(PNG, JPEG, GIF, WebP\), PDF, plain text/);
    expect(await rows()).toEqual(rowsBefore);
    expect(await keys()).toEqual(keysBefore);
  });

  it('refuses a file over 10 MB and files over 25 MB together with 413, and an upload after a refused file leaves nothing', async () => {
    const [rowsBefore, keysBefore] = [await rows(), await keys()];
    const big = await upload(world.owner, [{ name: 'big.log', bytes: textBytes(10 * MB + 1) }]);
    expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: ErrorCode.AttachmentTooLarge });
    expect(big.body.message).toMatch(/10 MB/);

    const nine = textBytes(9 * MB);
    const together = await upload(
      world.owner,
      ['a', 'b', 'c'].map((n) => ({ name: `${n}.log`, bytes: nine })),
    );
    expect({ status: together.status, code: together.body.code }).toEqual({
      status: 413,
      code: ErrorCode.AttachmentTooLarge,
    });
    expect(together.body.message).toMatch(/25 MB/);

    const mixed = await upload(world.owner, [
      { name: 'ok.txt', bytes: Buffer.from('fine') },
      { name: 'evil.html', bytes: Buffer.from('x') },
    ]);
    expect(mixed.status).toBe(415);
    expect(await rows()).toEqual(rowsBefore);
    expect(await keys()).toEqual(keysBefore);

    // Uploaded one by one they are stored, but one message cannot take them all.
    const parts = await Promise.all(
      ['x', 'y', 'z'].map((n) => uploadOk(world.owner, [{ name: `${n}.log`, bytes: nine }])),
    );
    const tooMuch = await openTicket(
      world.owner,
      parts.map(([a]) => a.id),
    );
    expect({ status: tooMuch.status, code: tooMuch.body.code }).toEqual({
      status: 413,
      code: ErrorCode.AttachmentTooLarge,
    });
    await bodyOf(openTicket(world.owner, [parts[0][0].id, parts[1][0].id]), 201);
  }, 30_000);

  it('leaves no object and no row behind when the sender aborts an upload', async () => {
    const [rowsBefore, keysBefore] = [await rows(), await keys()];
    const token = world.owner.token!;
    await streamUpload(system.baseUrl, token, 'aborted.log', 8 * MB, { abortAfter: 6 * MB }).catch(() => undefined);
    await expectEventually(async () => {
      expect(await rows()).toEqual(rowsBefore);
      expect(await keys()).toEqual(keysBefore);
    }, 10_000);
    await uploadOk(world.owner, [{ name: 'after.txt', bytes: Buffer.from('still works') }]);
  });

  it('answers 503 while S3 is down, storing and linking nothing, and recovers', async () => {
    const [stored] = await uploadOk(world.owner, [{ name: 'before.txt', bytes: Buffer.from('before the outage') }]);
    // An earlier test's aborted upload may still be settling on a slow machine: start from none pending.
    await expectEventually(
      async () => expect((await rows()).filter((row: { status: string }) => row.status === 'pending')).toEqual([]),
      20_000,
    );
    const rowsBefore = await rows();
    await system.s3!.stop();
    try {
      const down = await upload(world.owner, [{ name: 'during.txt', bytes: Buffer.from('during') }]);
      expect({ status: down.status, code: down.body.code }).toEqual({
        status: 503,
        code: ErrorCode.StorageUnavailable,
      });
      expect(down.body.message).toMatch(/storage is unavailable/i);
      const read = await download(world.owner, stored.id);
      expect(read.status).toBe(503);
      expect(await rows()).toEqual(rowsBefore);
    } finally {
      await system.s3!.start();
    }
    await uploadOk(world.owner, [{ name: 'after.txt', bytes: Buffer.from('after the outage') }]);
    expect((await download(world.owner, stored.id)).bytes.toString()).toBe('before the outage');
  });

  it('removes uploads no message took with attachments.remove-unlinked, idempotently, and keeps linked ones', async () => {
    const [unlinked] = await uploadOk(world.owner, [{ name: 'forgotten.txt', bytes: Buffer.from('forgotten') }]);
    const [linked] = await uploadOk(world.owner, [{ name: 'kept.txt', bytes: Buffer.from('kept') }]);
    await bodyOf(openTicket(world.owner, [linked.id]), 201);
    const keyOf = async (id: number) => (await rows()).find((row) => Number(row.id) === id)?.object_key;
    const unlinkedKey = await keyOf(unlinked.id);

    const first = await rpc.send(AttachmentPatterns.RemoveUnlinked, { olderThanMs: 0 });
    expect(first.removed).toBeGreaterThanOrEqual(1);
    expect(await keyOf(unlinked.id)).toBeUndefined();
    expect(await keys()).not.toContain(unlinkedKey);
    expect((await download(world.owner, unlinked.id)).status).toBe(404);
    expect((await download(world.owner, linked.id)).status).toBe(200);
    expect(await rpc.send(AttachmentPatterns.RemoveUnlinked, { olderThanMs: 0 })).toEqual({ removed: 0 });
    // The default keeps what is younger than ATTACHMENT_UNLINKED_TTL.
    const [young] = await uploadOk(world.owner, [{ name: 'young.txt', bytes: Buffer.from('young') }]);
    await rpc.send(AttachmentPatterns.RemoveUnlinked, {});
    expect((await download(world.owner, young.id)).status).toBe(200);
  });

  it('streams a 192 MB file at the raised limit through both ways without the services holding it', async () => {
    // Any Node HTTP server's memory rises by some 40-80 MB while a large body passes (socket
    // buffers are garbage-collected in batches of about 64 MB), whatever the body's size; a
    // service that held the file would rise by all of it. Hence a file well past that.
    const size = 192 * MB;
    await system.stopService('attachments');
    const big = system.startService('attachments', 'attachments-big', {
      ATTACHMENT_MAX_BYTES: String(size),
      ATTACHMENTS_MAX_BYTES_PER_MESSAGE: String(size),
    });
    await system.waitUntilReady();
    const token = world.owner.token!;
    await uploadOk(world.owner, [{ name: 'warm-up.log', bytes: textBytes(6 * MB) }]);
    const pids = { attachments: big.pid!, gateway: system.service('gateway')!.pid! };

    const uploadPeak = await peakRssGrowth(pids, () => streamUpload(system.baseUrl, token, 'huge.log', size));
    const [stored] = uploadPeak.result as AttachmentView[];
    expect(stored).toMatchObject({ filename: 'huge.log', size, contentType: 'text/plain; charset=utf-8' });
    const row = (await rows()).find((r) => Number(r.id) === stored.id);
    expect(row).toMatchObject({ status: 'stored', sha256: textSha256(size) });
    const downloadPeak = await peakRssGrowth(pids, () => streamDownload(system.baseUrl, token, stored.id));
    expect(downloadPeak.result).toEqual({ size, sha256: textSha256(size) });

    const limitMb = size / MB / 2;
    const tooMuch = Object.entries({ upload: uploadPeak, download: downloadPeak }).flatMap(([direction, peak]) =>
      Object.entries(peak.growthMb)
        .filter(([, mb]) => mb >= limitMb)
        .map(([service, mb]) => `${service} grew by ${mb} MB during the ${direction}`),
    );
    expect(tooMuch).toEqual([]);
  }, 90_000);
});

function hex(text: string): Buffer {
  return Buffer.from(text, 'hex');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function tarHeader(name: string): Buffer {
  const block = Buffer.alloc(1024);
  block.write(name, 0);
  block.write('0000644\0', 100);
  block.write('ustar\x0000', 257, 'latin1');
  return block;
}

/** `size` bytes of log lines, the same for the same size. */
const LOG_LINE = Buffer.from('2024-05-01T12:00:00Z INFO request served in 12 ms by worker 7\n');
function* textChunks(size: number): Generator<Buffer> {
  const block = Buffer.concat(Array.from({ length: Math.ceil((256 * 1024) / LOG_LINE.length) }, () => LOG_LINE));
  for (let sent = 0; sent < size; sent += block.length) {
    yield block.subarray(0, Math.min(block.length, size - sent));
  }
}
function textBytes(size: number): Buffer {
  return Buffer.concat([...textChunks(size)]);
}
function textSha256(size: number): string {
  const hash = createHash('sha256');
  for (const chunk of textChunks(size)) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

async function upload(client: ApiClient, files: Upload[]): Promise<HttpResponse> {
  const form = new FormData();
  for (const file of files) {
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  const response = await fetch(`${client.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function download(client: ApiClient, id: number): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${client.baseUrl}/api/attachments/${id}`, {
    headers: { authorization: `Bearer ${client.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A multipart upload streamed from a generator (never whole in this process either); optionally cut off. */
function streamUpload(
  baseUrl: string,
  token: string,
  filename: string,
  size: number,
  { abortAfter }: { abortAfter?: number } = {},
): Promise<unknown> {
  const boundary = `----helpdesk${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/api/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
    });
    request.on('error', reject);
    request.on('response', async (response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of response) {
        chunks.push(chunk as Buffer);
      }
      const body = JSON.parse(Buffer.concat(chunks).toString());
      if (response.statusCode === 201) {
        resolve(body);
      } else {
        reject(new Error(`upload answered ${response.statusCode}: ${JSON.stringify(body)}`));
      }
    });
    const chunks = textChunks(size);
    let sent = 0;
    const pump = () => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        sent += next.value.length;
        if (abortAfter !== undefined && sent >= abortAfter) {
          request.destroy(new Error('aborted on purpose'));
          return;
        }
        if (!request.write(next.value)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end(tail);
    };
    request.write(head);
    pump();
  });
}

/** Downloads, hashing as the bytes arrive. */
async function streamDownload(baseUrl: string, token: string, id: number): Promise<{ size: number; sha256: string }> {
  const response = await fetch(`${baseUrl}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** How far each process's resident memory rose above where it was, sampled while `work` ran. */
async function peakRssGrowth<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ result: T; growthMb: Record<string, number> }> {
  const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssKb(pid)]));
  const peak = { ...before };
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) {
      peak[name] = Math.max(peak[name], rssKb(pid));
    }
  }, 10);
  try {
    const result = await work();
    return {
      result,
      growthMb: Object.fromEntries(
        Object.keys(pids).map((name) => [name, Math.round((peak[name] - before[name]) / 1024)]),
      ),
    };
  } finally {
    clearInterval(timer);
  }
}
