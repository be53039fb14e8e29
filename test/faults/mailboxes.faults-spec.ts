import { DepartmentView, InboundMailView, MailboxView, Page as ResultPage } from '@helpdesk/contracts';
import { bodyOf, expectEventually, ImapServer, rawMail, TestSystem, uniqueName } from '@helpdesk/testing';

import { sleep } from './support/fault-report';

const MESSAGES = 1_000;
const USER = { username: 'support', password: 'imap-fault-password' };

/**
 * Issue 22's promise under kill -9: 1,000 messages appended to a mailbox while mail-ingress is
 * killed twice in the middle of taking them. Every message ends with exactly one outcome in the
 * inbound log, and none is flagged on the server without its raw source stored here.
 */
describe('a mailbox fetched while mail-ingress is killed', () => {
  let imap: ImapServer;
  let system: TestSystem;

  beforeAll(async () => {
    imap = await ImapServer.start({ users: [USER] });
    system = await TestSystem.start('faults_mailboxes', {
      services: ['access', 'tickets', 'attachments', 'mail-ingress', 'gateway'],
      serviceEnv: {
        'mail-ingress': { MAILBOX_SUPERVISE_INTERVAL: '200ms', MAILBOX_POLL_INTERVAL: '1s' },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await imap?.stop();
  }, 60_000);

  it('takes 1,000 messages exactly once across two kills of mail-ingress', async () => {
    const admin = await system.admin();
    const department = await bodyOf<DepartmentView>(
      admin.post('/api/departments', { name: uniqueName('Mailbox faults') }),
      201,
    );
    const mailbox = await bodyOf<MailboxView>(
      admin.post('/api/admin/mailboxes', {
        departmentId: department.id,
        address: 'support@company.test',
        host: imap.host,
        port: imap.port,
        tls: false,
        ...USER,
        afterImport: 'flag',
      }),
      201,
    );
    const subjects = Array.from({ length: MESSAGES }, (_, index) => `fault ${index}`);
    const appending = imap.appendMany(
      USER.username,
      subjects.map((subject) =>
        rawMail({ From: 'someone@elsewhere.test', To: 'support@company.test', Subject: subject }, 'Hello.'),
      ),
    );
    // Each kill comes once mail is being taken, and again halfway: never before or after all of it.
    const takenAtKills: number[] = [];
    for (const atLeast of [50, 400]) {
      await expectEventually(async () => expect(await taken()).toBeGreaterThanOrEqual(atLeast), 60_000, 100);
      await system.stopService('mail-ingress', 'SIGKILL');
      takenAtKills.push(await taken());
      await sleep(2_000);
      system.startService('mail-ingress');
    }
    await appending;
    process.stdout.write(`mailbox faults: taken at the two kills: ${takenAtKills.join(', ')} of ${MESSAGES}\n`);
    expect(takenAtKills.every((count) => count > 0 && count < MESSAGES)).toBe(true);

    await expectEventually(
      async () => {
        const messages = await imap.messages(USER.username);
        expect(messages.filter((message) => message.flags.includes('\\Seen'))).toHaveLength(MESSAGES);
      },
      240_000,
      1_000,
    );
    const logged = await mailboxLog(admin, mailbox.id);
    const bySubject = new Map<string, number>();
    for (const mail of logged) {
      bySubject.set(mail.subject ?? '', (bySubject.get(mail.subject ?? '') ?? 0) + 1);
    }
    expect(bySubject.size).toBe(MESSAGES);
    expect([...bySubject.values()].filter((count) => count > 1)).toEqual([]);
    expect(logged.filter((mail) => !mail.hasRaw)).toEqual([]);
    const status = await bodyOf<{ imported: number; backlog: number }>(
      admin.get(`/api/admin/mailboxes/${mailbox.id}/status`),
    );
    expect(status).toMatchObject({ imported: MESSAGES, backlog: 0 });
  }, 400_000);

  /** Messages flagged on the server so far: taken, and acted on. */
  async function taken(): Promise<number> {
    return (await imap.messages(USER.username)).filter((message) => message.flags.includes('\\Seen')).length;
  }

  /** Every inbound-mail entry of the mailbox, through the API's pages. */
  async function mailboxLog(admin: Awaited<ReturnType<TestSystem['admin']>>, mailboxId: number) {
    const all: InboundMailView[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: ResultPage<InboundMailView> = await bodyOf(admin.get(`/api/inbound-mails?limit=100${query}`));
      all.push(...page.items.filter((mail) => mail.mailboxId === mailboxId));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
});
