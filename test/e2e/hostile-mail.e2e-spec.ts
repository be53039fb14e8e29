import {
  InboundMailState,
  InboundMailView,
  MailIngressPatterns,
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
  SmtpDialogue,
  TEST_MAIL,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** What "stalled" means: a listener whose event loop is busy answers in minutes, not seconds. */
const SMTP_ANSWER_MS = 10_000;
const PROCESSING_TIMEOUT_MS = 20_000;
const PROCESSING_MAX_MEMORY_MB = 256;
/** Memory "back to its baseline": within this much of the RSS before the first case. */
const RSS_SLACK_MB = 300;
const ENDED = [InboundMailState.Added, InboundMailState.Ignored, InboundMailState.Refused, InboundMailState.Failed];
const MAX_REFUSALS_PER_IP_PER_HOUR = 100;
const CONNECTIONS_PER_IP = 20;
/** The abusive client connects from its own loopback address, so the rest of the suite is not limited with it. */
const ABUSER_ADDRESS = '127.0.0.2';

const M = 1_000_000;

function mail(headers: string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

const text = (body: string | Buffer, extra: string[] = []) =>
  mail([...extra, 'Content-Type: text/plain; charset=utf-8'], body);
const html = (body: string) => mail(['Content-Type: text/html; charset=utf-8'], body);

function multipart(parts: string[], boundary = 'b-outer'): Buffer {
  return mail(
    [`Content-Type: multipart/mixed; boundary="${boundary}"`],
    `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`,
  );
}

function nested(depth: number): Buffer {
  let part = 'Content-Type: text/plain\r\n\r\nThe innermost part.';
  for (let level = depth; level > 0; level--) {
    part = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${part}\r\n--n${level}--`;
  }
  return Buffer.from(part);
}

/** A text part in every charset iconv-lite (mailparser's decoder) knows, and in some nobody knows. */
function everyCharset(): Buffer {
  iconv.getCodec('utf8');
  const known = Object.keys((iconv as unknown as { encodings: Record<string, unknown> }).encodings).filter(
    (name) => !name.startsWith('_'),
  );
  const unknown = ['x-unknown', 'utf-99', 'ISO-8859-99', '"><script>', 'a'.repeat(10_000)];
  const encoded = '=48=C3=A9=E9=80=81=FF=00=1B$B';
  return multipart(
    [...known, ...unknown].map(
      (charset) =>
        `Content-Type: text/plain; charset="${charset}"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}`,
    ),
  );
}

/**
 * Each pattern of issue 14 (and a few of their kind), built here. Headers a case does not set
 * (From, To, Subject, Message-ID) are added by the test.
 */
const CASES: [string, () => Buffer][] = [
  ['a line of 2M spaces, then y', () => text(`Done.\n${' '.repeat(2 * M)}y\n`)],
  ['an unclosed tag: <a then b×2M', () => html(`<p>Done.</p><a${'b'.repeat(2 * M)}`)],
  [
    'a border-top style bomb',
    () => html(`<p>Done.</p><div style="${'border-top:'.repeat(180_000)}solid"><b>From:</b> Ana</div><p>Old</p>`),
  ],
  ['MIME nested 1,000 levels deep', () => nested(1_000)],
  [
    '10,000 parts',
    () => multipart(Array.from({ length: 10_000 }, (_, index) => `Content-Type: text/plain\r\n\r\nPart ${index}.`)),
  ],
  [
    '100,000 headers',
    () =>
      text(
        'Done.',
        Array.from({ length: 100_000 }, (_, index) => `X-Header-${index}: value ${index}`),
      ),
  ],
  [
    'broken base64 and quoted-printable',
    () =>
      multipart([
        `Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${'QUJD$$$%%%=====A'.repeat(50_000)}`,
        `Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${'=Z=\r\n=4'.repeat(100_000)}=`,
        `Content-Type: application/pdf; name="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${'====\r\n'.repeat(10_000)}`,
      ]),
  ],
  ['every charset mailparser knows, and unknown ones', everyCharset],
  [
    'malformed dates and addresses',
    () =>
      text('Done.', [
        'Date: 32 Foo 99999 99:99:99 +9999 (((',
        `Cc: ${'<<<@@@>>>, "unterminated, '.repeat(5_000)}`,
        `Reply-To: ${'a@'.repeat(100_000)}`,
        'Sender: =?utf-8?B?!!!?= <@>',
      ]),
  ],
  [
    'NUL bytes in header and body',
    () => mail(['X-Nul: a\u0000b', 'Content-Type: text/plain'], `Done.\u0000${'\u0000'.repeat(M)}\u0000end`),
  ],
  ['a 30 MB single line', () => text(`${'x'.repeat(30 * M)}`)],
  [
    'HTML bombs: 100k nested divs, 1M entities, a 5 MB attribute',
    () =>
      html(
        `<p>Done.</p>${'<div>'.repeat(100_000)}${'&amp;&#x1F600;&nbsp;'.repeat(M / 3)}<img alt="${'x'.repeat(5 * M)}">`,
      ),
  ],
];

/**
 * The standing hostile-mail suite (issue 14): generated mails sent over real SMTP through a valid
 * reply token. Each must be answered within seconds, end in a final state within the processing
 * budget, leave the listener serving, and give its memory back. What each costs is printed.
 */
describe('hostile mail', () => {
  let system: TestSystem;
  let world: World;
  let db: Client;
  let rpc: MailIngressClient;
  let ownerEmail: string;
  let ticketId: number;
  let to: string;
  let baselineMb: number;
  const seen = new Set<string>();
  const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);

  beforeAll(async () => {
    system = await TestSystem.start('hostile_mail', {
      services: ['access', 'tickets', 'attachments', 'mail-ingress', 'gateway'],
      serviceEnv: {
        'mail-ingress': {
          INBOUND_RATE_LIMIT_PER_TOKEN_PER_HOUR: '10000',
          SMTP_INGRESS_MAX_BYTES: String(40 * 1024 * 1024),
          SMTP_INGRESS_SOCKET_TIMEOUT: '30s',
          SMTP_INGRESS_MAX_REFUSALS_PER_IP_PER_HOUR: String(MAX_REFUSALS_PER_IP_PER_HOUR),
          SMTP_INGRESS_MAX_CONNECTIONS_PER_IP: String(CONNECTIONS_PER_IP),
          MAIL_PROCESSING_TIMEOUT: `${PROCESSING_TIMEOUT_MS / 1000}s`,
          MAIL_PROCESSING_MAX_MEMORY_MB: String(PROCESSING_MAX_MEMORY_MB),
          MAIL_PROCESSING_RETRY_MS: '300',
          MAIL_RAW_RETENTION: '1s',
        },
      },
    });
    world = await createWorld(system.api(), await system.admin());
    ownerEmail = (await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    rpc = new MailIngressClient({ url: system.isolation.rabbitmqUrl, timeoutMs: 10_000 });
    const opened = await bodyOf<TicketView>(
      world.owner.post('/api/tickets', { departmentId: world.departmentA.id, subject: 'Hostile', message: 'Hi.' }),
      201,
    );
    ticketId = opened.id;
    to = replyAddress(
      { localPart: TEST_MAIL.replyLocalPart, domain: TEST_MAIL.domain },
      tokens.sign({ ticketId, recipient: { kind: PrincipalKind.Client, id: world.ownerId } }),
    );
    await expectEventually(async () => {
      const { dialogue, greeting } = await SmtpDialogue.open(system.smtpPort);
      await dialogue.quit();
      expect(greeting.code).toBe(220);
    }, 60_000);
    await expectEventually(async () => expect(await deliverNormalReply()).toBe(InboundMailState.Added), 60_000);
    baselineMb = rssMb();
    console.log(`mail-ingress RSS before the hostile cases: ${baselineMb} MB`);
  }, 180_000);

  afterAll(async () => {
    await rpc?.onModuleDestroy();
    await db?.end();
    await system?.stop();
  }, 60_000);

  const rssMb = (): number => {
    const status = readFileSync(`/proc/${system.service('mail-ingress')?.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024);
  };

  const newMails = async (): Promise<InboundMailView[]> => {
    const page: Page<InboundMailView> = await bodyOf(
      world.admin.get(`/api/inbound-mails?ticketId=${ticketId}&limit=20`),
    );
    return page.items.filter((item) => !seen.has(String(item.id)));
  };

  /**
   * Sends a message and waits until its inbound mail ended. `smtpMs` is from the end of the
   * message's bytes to the answer: what a stalled listener would make long.
   */
  const deliver = async (message: Buffer): Promise<{ smtpMs: number; code: number | undefined; states: string[] }> => {
    const { result, smtpMs } = await sendTimed(message);
    if (result.code !== 250) {
      return { smtpMs, code: result.code, states: [] };
    }
    const ended = await expectEventually(
      async () => {
        const mails = await newMails();
        expect(mails.length).toBeGreaterThan(0);
        for (const item of mails) {
          expect(ENDED).toContain(item.state);
        }
        return mails;
      },
      PROCESSING_TIMEOUT_MS * 3,
      250,
    );
    ended.forEach((item) => seen.add(String(item.id)));
    return { smtpMs, code: 250, states: ended.map((item) => `${item.state} (${item.reason}) ${item.detail ?? ''}`) };
  };

  const sendTimed = async (message: Buffer) => {
    const { dialogue } = await SmtpDialogue.open(system.smtpPort);
    try {
      await dialogue.command('EHLO client.test');
      await dialogue.command(`MAIL FROM:<${ownerEmail}>`);
      expect((await dialogue.command(`RCPT TO:<${to}>`)).code).toBe(250);
      expect((await dialogue.command('DATA')).code).toBe(354);
      const stuffed = message.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
      await new Promise<void>((resolve) => dialogue.write(Buffer.from(`${stuffed}\r\n`, 'latin1'), resolve));
      const started = performance.now();
      dialogue.write('.\r\n');
      const result = await dialogue.reply();
      return { result, smtpMs: performance.now() - started };
    } finally {
      await dialogue.quit();
    }
  };

  const withHeaders = (body: Buffer) =>
    Buffer.concat([
      Buffer.from(
        [
          `From: Olivia <${ownerEmail}>`,
          `To: ${to}`,
          `Subject: Re: [#${ticketId}] Hostile`,
          `Message-ID: <${uniqueName('hostile')}@client.test>`,
          '',
        ].join('\r\n'),
      ),
      body,
    ]);

  async function deliverNormalReply(): Promise<InboundMailState | undefined> {
    const { states } = await deliver(withHeaders(text('A normal reply, right after.')));
    return states[0]?.split(' ')[0] as InboundMailState | undefined;
  }

  it.each(CASES)('%s', async (name, build) => {
    const message = withHeaders(build());
    let peakMb = rssMb();
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), 200);
    let outcome: Awaited<ReturnType<typeof deliver>>;
    const started = performance.now();
    try {
      outcome = await deliver(message);
    } finally {
      clearInterval(sampler);
    }
    const endedMs = performance.now() - started;
    const afterStarted = performance.now();
    await expect(deliverNormalReply()).resolves.toBe(InboundMailState.Added);
    const normalMs = performance.now() - afterStarted;
    const settledMb = await expectEventually(
      () => {
        const now = rssMb();
        expect(now).toBeLessThanOrEqual(baselineMb + RSS_SLACK_MB);
        return now;
      },
      30_000,
      500,
    );
    console.log(
      `${name} (${(message.length / M).toFixed(1)} MB): SMTP ${outcome.code} in ${(outcome.smtpMs / 1000).toFixed(2)} s, ` +
        `ended in ${(endedMs / 1000).toFixed(2)} s as ${outcome.states.join('; ') || 'refused at SMTP'}; ` +
        `a normal reply after it added in ${(normalMs / 1000).toFixed(2)} s; ` +
        `RSS ${baselineMb} → peak ${peakMb} → ${settledMb} MB`,
    );
    expect(outcome.smtpMs).toBeLessThan(SMTP_ANSWER_MS);
    expect(outcome.code === 250 || (outcome.code !== undefined && outcome.code >= 500)).toBe(true);
  });

  it('limits one client opening 200 connections and sending 10,000 RCPT TOs, and stays healthy', async () => {
    const started = performance.now();
    const codes = new Map<number, number>();
    const count = (code: number) => codes.set(code, (codes.get(code) ?? 0) + 1);
    await Promise.all(
      Array.from({ length: 200 }, async (_, connection) => {
        const { dialogue, greeting } = await SmtpDialogue.open(system.smtpPort, '127.0.0.1', ABUSER_ADDRESS);
        count(greeting.code);
        try {
          if (greeting.code !== 220) {
            return;
          }
          await dialogue.command('EHLO abuser.test');
          await dialogue.command('MAIL FROM:<abuser@abuser.test>');
          for (let rcpt = 0; rcpt < 50 && !dialogue.isClosed; rcpt++) {
            count((await dialogue.command(`RCPT TO:<guess-${connection}-${rcpt}@${TEST_MAIL.domain}>`)).code);
          }
        } finally {
          dialogue.destroy();
        }
      }),
    );
    const abuseMs = performance.now() - started;
    await expect(deliverNormalReply()).resolves.toBe(InboundMailState.Added);
    const recorded = await expectEventually(async () => {
      const { rows } = await db.query<{ count: string }>(
        `SELECT count(*) FROM mail_ingress.inbound_messages WHERE remote_address LIKE $1`,
        [`%${ABUSER_ADDRESS}`],
      );
      return Number(rows[0].count);
    });
    console.log(
      `abuse: 200 connections × 50 RCPT TO in ${(abuseMs / 1000).toFixed(2)} s; replies ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `${recorded} refusals recorded; RSS ${rssMb()} MB`,
    );
    expect(codes.get(421)).toBeGreaterThan(0);
    expect(codes.get(250) ?? 0).toBe(0);
    expect(recorded).toBeGreaterThan(0);
    // The hour's budget, plus at most one recipient being judged on each open connection when it ran out.
    expect(recorded).toBeLessThanOrEqual(MAX_REFUSALS_PER_IP_PER_HOUR + CONNECTIONS_PER_IP);
  });

  it('removes the raw source of mail that added nothing past its retention, and keeps the others', async () => {
    const { states } = await deliver(withHeaders(text('Out of office.', ['Auto-Submitted: auto-replied'])));
    expect(states[0]).toMatch(/^ignored/);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const purged = await rpc.send(MailIngressPatterns.PurgeRaw, {});
    const { rows } = await db.query<{ state: string; with_raw: boolean }>(
      `SELECT DISTINCT "state", "raw_key" IS NOT NULL AS with_raw FROM mail_ingress.inbound_messages
        WHERE "remote_address" NOT LIKE $1 ORDER BY 1`,
      [`%${ABUSER_ADDRESS}`],
    );
    expect(purged.removed).toBe(1);
    expect(rows).toEqual([
      { state: InboundMailState.Added, with_raw: true },
      { state: InboundMailState.Failed, with_raw: true },
      { state: InboundMailState.Ignored, with_raw: false },
    ]);
  });
});
