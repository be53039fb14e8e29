import {
  InboundMailReason,
  InboundMailState,
  InboundMailView,
  MailIngressPatterns,
  MessageVia,
  Page,
  PrincipalKind,
  TicketView,
} from '@helpdesk/contracts';
import { replyAddress, ReplyTokens } from '@helpdesk/mail';
import { MailIngressClient } from '@helpdesk/messaging';
import {
  bodyOf,
  createWorld,
  expectEventually,
  freePort,
  SmtpDialogue,
  smtpTransaction,
  TEST_MAIL,
  TestSystem,
  uniqueName,
  waitForSmtp,
  World,
} from '@helpdesk/testing';
import amqp from 'amqplib';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';

import { CorpusCase, isCorpusMatch, loadReplyCorpus } from '@helpdesk/testing/reply-corpus';

const DEAD_LETTERS = 'mail-ingress.inbound.dead';
const CONNECTIONS_PER_IP = 30;

/**
 * What a 250 promises: the reply lands on its ticket exactly once, whatever crashes or repeats
 * in between; and what may not be promised (storage down) is answered 451 so the sender retries.
 */
/** Raw messages up to this size are kept in PostgreSQL; larger ones need S3. */
const INLINE_MAX_BYTES = 4096;

/** How long tickets stays killed at least in the crash test: several processing attempts' worth. */
const TICKETS_DOWN_MS = 6_000;

describe('mail-ingress delivery', () => {
  let system: TestSystem;
  let world: World;
  let rpc: MailIngressClient;
  let ownerEmail: string;
  const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);
  const tlsDir = mkdtempSync(join(tmpdir(), 'helpdesk-smtp-tls-'));
  let tlsPort = 0;

  beforeAll(async () => {
    system = await TestSystem.start('mail_delivery', {
      services: ['access', 'tickets', 'mail-ingress', 'gateway'],
      serviceEnv: {
        'mail-ingress': {
          INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR: '10000',
          MAIL_PROCESSING_RETRY_MS: '300',
          MAIL_PROCESSING_ATTEMPTS: '6',
          MAIL_PROCESSING_PREFETCH: '8',
          MAIL_REDRIVE_AFTER: '2s',
          MAIL_PROCESSING_LEASE: '3s',
          MAIL_RAW_INLINE_MAX_BYTES: String(INLINE_MAX_BYTES),
          SMTP_INGRESS_MAX_CONNECTIONS_PER_IP: String(CONNECTIONS_PER_IP),
          SMTP_INGRESS_MAX_MESSAGES_PER_CONNECTION: '3',
          SMTP_INGRESS_MAX_RECIPIENTS: '3',
          SMTP_INGRESS_SOCKET_TIMEOUT: '3s',
          SMTP_INGRESS_DATA_TIMEOUT: '4s',
        },
      },
    });
    world = await createWorld(system.api(), await system.admin());
    ownerEmail = (await bodyOf(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    rpc = new MailIngressClient({ url: system.isolation.rabbitmqUrl, timeoutMs: 10_000 });
    await waitForSmtp(system.smtpPort);
  }, 180_000);

  afterAll(async () => {
    await rpc?.onModuleDestroy();
    await system?.stop();
    rmSync(tlsDir, { recursive: true, force: true });
  }, 60_000);

  const openTicket = () =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: uniqueName('Delivery'),
        message: 'Hello.',
      }),
      201,
    );
  /** The owner's reply address of a ticket, as notifications would mint it. */
  const ownerAddress = (ticketId: number) =>
    replyAddress(
      { localPart: TEST_MAIL.replyLocalPart, domain: TEST_MAIL.domain },
      tokens.sign({ ticketId, recipient: { kind: PrincipalKind.Client, id: world.ownerId } }),
    );
  const reply = (to: string, text: string, headers: Record<string, string> = {}) =>
    [
      `From: Olivia <${ownerEmail}>`,
      `To: ${to}`,
      `Subject: ${headers.Subject ?? uniqueName('Re')}`,
      `Message-ID: ${headers['Message-ID'] ?? `<${uniqueName('m')}@client.test>`}`,
      ...Object.entries(headers)
        .filter(([name]) => name !== 'Subject' && name !== 'Message-ID')
        .map(([name, value]) => `${name}: ${value}`),
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
    ].join('\r\n');
  const deliver = (to: string, message: string | Buffer, port = system.smtpPort) =>
    smtpTransaction(port, { from: ownerEmail, to: [to], message });
  const emailBodies = async (ticketId: number) =>
    (await bodyOf<TicketView>(world.admin.get(`/api/tickets/${ticketId}`))).messages
      .filter((message) => message.via === MessageVia.Email)
      .map((message) => message.body);
  const inboundOf = async (ticketId: number) => {
    const items: InboundMailView[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<InboundMailView> = await bodyOf(
        world.admin.get(`/api/inbound-mails?ticketId=${ticketId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  it('adds a message delivered twice (the same Message-ID, or the same bytes) once', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const withId = reply(to, 'Sent twice by a retrying server.', {
      'Message-ID': `<${uniqueName('dup')}@client.test>`,
    });
    const [first, second] = await Promise.all([deliver(to, withId), deliver(to, withId)]);
    expect([first.final?.code, second.final?.code]).toEqual([250, 250]);
    expect((await deliver(to, withId)).final?.code).toBe(250);
    const withoutId = `From: ${ownerEmail}\r\nTo: ${to}\r\nSubject: no id\r\n\r\nNo Message-ID at all.`;
    expect((await deliver(to, withoutId)).final?.code).toBe(250);
    expect((await deliver(to, withoutId)).final?.code).toBe(250);

    await expectEventually(
      async () => {
        expect((await emailBodies(opened.id)).sort()).toEqual([
          'No Message-ID at all.',
          'Sent twice by a retrying server.',
        ]);
        expect((await inboundOf(opened.id)).map((mail) => mail.state)).toEqual([
          InboundMailState.Added,
          InboundMailState.Added,
        ]);
      },
      20_000,
      250,
    );
  });

  it('keeps taking small messages while S3 is down; answers 451 4.3.0 to a larger one until it is back', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const logLines = Array.from({ length: INLINE_MAX_BYTES / 20 }, (_, index) => `log line ${index} of the printer`);
    const large = ['Sent while storage was down, with the logs:', ...logLines].join('\r\n');
    const largeMessage = reply(to, large);
    expect(Buffer.byteLength(largeMessage)).toBeGreaterThan(INLINE_MAX_BYTES);
    await system.s3?.stop();
    try {
      expect((await deliver(to, reply(to, 'Small, kept in PostgreSQL.'))).final?.code).toBe(250);
      const refused = await deliver(to, largeMessage);
      expect(refused.rcptTo[0].code).toBe(250);
      expect(refused.final).toMatchObject({ code: 451, text: expect.stringMatching(/^4\.3\.0 /) });
      await expectEventually(
        async () => expect(await emailBodies(opened.id)).toEqual(['Small, kept in PostgreSQL.']),
        20_000,
        250,
      );
    } finally {
      await system.s3?.start();
    }
    expect((await deliver(to, largeMessage)).final?.code).toBe(250);
    await expectEventually(
      async () => {
        const bodies = await emailBodies(opened.id);
        expect(bodies).toHaveLength(2);
        expect(bodies).toContain('Small, kept in PostgreSQL.');
        expect(bodies.find((body) => body.startsWith('Sent while storage was down'))).toContain(logLines.at(-1));
      },
      20_000,
      250,
    );
  });

  it('records a malformed message as failed with the parser error and dead-letters its job; the listener keeps serving', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const huge = `From: ${ownerEmail}\r\nTo: ${to}\r\nSubject: Malformed\r\nX-Huge: ${'x'.repeat(1_500_000)}\r\n\r\nbody`;
    expect((await deliver(to, huge)).final?.code).toBe(250);
    const failed = await expectEventually(
      async () => {
        const [mail] = await inboundOf(opened.id);
        expect(mail?.state).toBe(InboundMailState.Failed);
        return mail;
      },
      20_000,
      250,
    );
    expect(failed).toMatchObject({
      reason: InboundMailReason.Malformed,
      detail: expect.stringMatching(/parser could not read it: Max header size/),
    });
    await expectEventually(async () => expect(await deadLetters()).toBeGreaterThanOrEqual(1), 10_000, 250);

    // A client that goes away in the middle of a message leaves nothing behind either.
    const { dialogue } = await SmtpDialogue.open(system.smtpPort);
    await dialogue.command('EHLO client.test');
    await dialogue.command(`MAIL FROM:<${ownerEmail}>`);
    await dialogue.command(`RCPT TO:<${to}>`);
    expect((await dialogue.command('DATA')).code).toBe(354);
    dialogue.write(`From: ${ownerEmail}\r\nSubject: cut off\r\n\r\nhalf a mess`);
    dialogue.destroy();

    expect((await deliver(to, reply(to, 'Still here after that.'))).final?.code).toBe(250);
    await expectEventually(
      async () => expect(await emailBodies(opened.id)).toEqual(['Still here after that.']),
      20_000,
      250,
    );
    expect(await inboundOf(opened.id)).toHaveLength(2);
  });

  it('offers STARTTLS when a certificate is configured, and takes mail over it', async () => {
    const keyPath = join(tlsDir, 'key.pem');
    const certPath = join(tlsDir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      {
        stdio: 'ignore',
      },
    );
    tlsPort = await freePort();
    system.startService('mail-ingress', 'mail-ingress-tls', {
      SMTP_INGRESS_PORT: String(tlsPort),
      MAIL_INGRESS_HTTP_PORT: String(await freePort()),
      SMTP_INGRESS_TLS_KEY: keyPath,
      SMTP_INGRESS_TLS_CERT: certPath,
    });
    await waitForSmtp(tlsPort);
    const { dialogue } = await SmtpDialogue.open(tlsPort);
    expect((await dialogue.command('EHLO client.test')).lines).toContain('STARTTLS');
    await dialogue.quit();

    const opened = await openTicket();
    const info = await createTransport({
      host: '127.0.0.1',
      port: tlsPort,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    }).sendMail({
      from: ownerEmail,
      to: ownerAddress(opened.id),
      subject: 'Over TLS',
      text: 'Encrypted on the way in.',
    });
    expect(info.response).toMatch(/^250 /);
    await expectEventually(
      async () => expect(await emailBodies(opened.id)).toEqual(['Encrypted on the way in.']),
      20_000,
      250,
    );
    await system.stopService('mail-ingress-tls');
  });

  it('has all 200 replies exactly once when the tickets service is killed while they arrive', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const texts = Array.from({ length: 200 }, (_, i) => `Reply ${String(i + 1).padStart(3, '0')} of the crash test.`);
    let sent = 0;
    let killedAt = 0;
    const answers: number[] = [];
    const sender = async () => {
      for (;;) {
        const i = sent++;
        if (i >= texts.length) {
          return;
        }
        if (i === 40) {
          await system.stopService('tickets', 'SIGKILL');
          killedAt = Date.now();
        }
        if (i === 140) {
          // Away long enough for processing to meet the outage, however fast or slow the machine is.
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + TICKETS_DOWN_MS - Date.now())));
          system.startService('tickets');
        }
        const result = await deliver(to, reply(to, texts[i]));
        answers[i] = result.final?.code ?? 0;
      }
    };
    await Promise.all(Array.from({ length: 10 }, sender));
    expect(answers.filter((code) => code === 250)).toHaveLength(200);

    await expectEventually(
      async () => {
        // What the scheduler does every few minutes: publish again what stalled while tickets was away.
        await rpc.send(MailIngressPatterns.Redrive, {}).catch(() => undefined);
        const bodies = await emailBodies(opened.id);
        expect(bodies).toHaveLength(200);
      },
      150_000,
      2_000,
    );
    expect((await emailBodies(opened.id)).sort()).toEqual(texts);
    const logged = await inboundOf(opened.id);
    expect(logged).toHaveLength(200);
    expect(new Set(logged.map((mail) => mail.state))).toEqual(new Set([InboundMailState.Added]));
    expect(new Set(logged.map((mail) => mail.addedMessageId)).size).toBe(200);
    // The crash did bite: replies that arrived while tickets was away took more than one attempt.
    expect(logged.some((mail) => mail.attempts > 1)).toBe(true);
  }, 240_000);

  it('has every reply exactly once when the ingress itself is killed mid-stream and senders retry what got no 250', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const texts = Array.from(
      { length: 60 },
      (_, i) => `Reply ${String(i + 1).padStart(2, '0')} before and after the ingress crash.`,
    );
    const messages = texts.map((text, i) =>
      reply(to, text, { 'Message-ID': `<ingress-crash-${opened.id}-${i}@client.test>` }),
    );
    const acknowledged = new Set<number>();
    const attempt = async (i: number) => {
      const result = await deliver(to, messages[i]).catch(() => undefined);
      if (result?.final?.code === 250) {
        acknowledged.add(i);
      }
    };
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < messages.length; i = next++) {
        if (i === 20) {
          await system.stopService('mail-ingress', 'SIGKILL');
          system.startService('mail-ingress');
        }
        await attempt(i);
      }
    };
    await Promise.all(Array.from({ length: 6 }, sender));
    await waitForSmtp(system.smtpPort);
    // What a sending server does with a message that got no 250: it tries again later.
    await expectEventually(
      async () => {
        await Promise.all(messages.map((_, i) => (acknowledged.has(i) ? Promise.resolve() : attempt(i))));
        expect(acknowledged.size).toBe(messages.length);
      },
      60_000,
      500,
    );
    await expectEventually(
      async () => {
        await rpc.send(MailIngressPatterns.Redrive, {}).catch(() => undefined);
        expect(await emailBodies(opened.id)).toHaveLength(messages.length);
      },
      90_000,
      1_000,
    );
    expect((await emailBodies(opened.id)).sort()).toEqual(texts);
    expect((await inboundOf(opened.id)).filter((mail) => mail.state === InboundMailState.Added)).toHaveLength(
      messages.length,
    );
  }, 180_000);

  it('strips the reference corpus through the whole pipeline as well as the stripping alone does (≥ 85 %)', async () => {
    const cases = loadReplyCorpus();
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    let next = 0;
    const sender = async () => {
      for (;;) {
        const testCase = cases[next++];
        if (!testCase) {
          return;
        }
        const result = await deliver(to, corpusMessage(testCase, ownerEmail, to));
        expect(result.final?.code).toBe(250);
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    const outcomes = await expectEventually(
      async () => {
        const logged = await inboundOf(opened.id);
        expect(logged).toHaveLength(cases.length);
        expect(
          logged.filter((mail) => [InboundMailState.Received, InboundMailState.Processing].includes(mail.state)),
        ).toEqual([]);
        return logged;
      },
      120_000,
      500,
    );
    const messages = new Map(
      (await bodyOf<TicketView>(world.admin.get(`/api/tickets/${opened.id}`))).messages.map((message) => [
        message.id,
        message.body,
      ]),
    );
    let passed = 0;
    for (const testCase of cases) {
      const mail = outcomes.find((candidate) => candidate.subject === `corpus ${testCase.id}`);
      const stored = mail?.addedMessageId ? (messages.get(mail.addedMessageId) ?? '') : '';
      passed += isCorpusMatch(stored, testCase) ? 1 : 0;
    }
    const accuracy = passed / cases.length;
    console.log(`reply-stripping corpus through SMTP: ${passed}/${cases.length} (${(accuracy * 100).toFixed(1)} %)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  }, 180_000);

  it('bounds what one peer can take: recipients, messages per connection, connections per address, idle and DATA time', async () => {
    const opened = await openTicket();
    const to = ownerAddress(opened.id);
    const { dialogue } = await SmtpDialogue.open(system.smtpPort);
    await dialogue.command('EHLO client.test');
    for (let i = 1; i <= 3; i++) {
      expect((await dialogue.command(`MAIL FROM:<${ownerEmail}>`)).code).toBe(250);
      expect((await dialogue.command(`RCPT TO:<${to}>`)).code).toBe(250);
      expect((await dialogue.command('DATA')).code).toBe(354);
      expect((await dialogue.content(reply(to, `Message ${i} on one connection.`))).code).toBe(250);
    }
    const fourth = await dialogue.command(`MAIL FROM:<${ownerEmail}>`);
    expect(fourth).toMatchObject({ code: 421, text: expect.stringMatching(/^4\.7\.0 Too many messages/) });
    await dialogue.quit();

    const many = await SmtpDialogue.open(system.smtpPort);
    await many.dialogue.command('EHLO client.test');
    await many.dialogue.command(`MAIL FROM:<${ownerEmail}>`);
    const answers = [];
    for (const offset of [0, 1, 2, 3]) {
      answers.push((await many.dialogue.command(`RCPT TO:<${ownerAddress(opened.id + offset)}>`)).code);
    }
    expect(answers).toEqual([250, 250, 250, 452]);
    await many.dialogue.quit();

    const open = await Promise.all(
      Array.from({ length: CONNECTIONS_PER_IP }, () => SmtpDialogue.open(system.smtpPort)),
    );
    try {
      expect(open.every(({ greeting }) => greeting.code === 220)).toBe(true);
      const refused = await SmtpDialogue.open(system.smtpPort);
      expect(refused.greeting).toMatchObject({
        code: 421,
        text: expect.stringMatching(/^4\.7\.0 Too many connections/),
      });
      refused.dialogue.destroy();
    } finally {
      open.forEach(({ dialogue: connection }) => connection.destroy());
    }

    const idle = await SmtpDialogue.open(system.smtpPort);
    expect((await idle.dialogue.reply()).code).toBe(421);
    expect(idle.dialogue.isClosed || (await idle.dialogue.reply()).code === 0).toBe(true);

    const slow = await SmtpDialogue.open(system.smtpPort);
    await slow.dialogue.command('EHLO client.test');
    await slow.dialogue.command(`MAIL FROM:<${ownerEmail}>`);
    await slow.dialogue.command(`RCPT TO:<${to}>`);
    expect((await slow.dialogue.command('DATA')).code).toBe(354);
    slow.dialogue.write(`From: ${ownerEmail}\r\nSubject: dribble\r\n\r\n`);
    const dribble = setInterval(() => slow.dialogue.write('x'), 1_000);
    try {
      await expectEventually(() => expect(slow.dialogue.isClosed).toBe(true), 15_000, 250);
    } finally {
      clearInterval(dribble);
      slow.dialogue.destroy();
    }
    await expectEventually(async () => expect(await emailBodies(opened.id)).toHaveLength(3), 20_000, 250);
  }, 60_000);

  async function deadLetters(): Promise<number> {
    const connection = await amqp.connect(system.isolation.rabbitmqUrl);
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue(DEAD_LETTERS)).messageCount;
    } finally {
      await connection.close();
    }
  }
});

/** A corpus body as its client sent it: base64, so every byte and line end arrives as in the fixture. */
function corpusMessage(testCase: CorpusCase, from: string, to: string): string {
  const base64 = Buffer.from(testCase.body, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: corpus ${testCase.id}`,
    `Message-ID: <corpus-${testCase.id}@client.test>`,
    'MIME-Version: 1.0',
    `Content-Type: text/${testCase.format === 'html' ? 'html' : 'plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    base64,
  ].join('\r\n');
}
