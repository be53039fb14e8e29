import {
  ApiClient,
  bodyOf,
  createClient,
  createDepartment,
  createStaff,
  expectEventually,
  REPO_ROOT,
  SmtpSink,
  TEST_ADMIN,
  TestSystem,
} from '@helpdesk/testing';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

/** Debian's chromium; Playwright's own browser downloads are not available here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const PASSWORD = 'web-test-password';
/** Long enough for the list's poll (5 s) and a slow machine. */
const UI_TIMEOUT = 20_000;

interface Person {
  id: number;
  email: string;
  name: string;
}

/**
 * The web app in a real browser against the running system: the scenario, from a
 * client's new ticket with an attachment to the staff reply the client then reads.
 */
describe('web app', () => {
  let system: TestSystem;
  let smtp: SmtpSink;
  let browser: Browser;
  let webDir: string;
  let files: string;
  let billing: { id: number; name: string };
  let technical: { id: number; name: string };
  let alice: Person;
  let bob: Person;
  let olivia: Person;
  let oliviaApi: ApiClient;
  let ticketId: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // The gateway serves a copy, so a build running elsewhere meanwhile cannot pull files away.
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
    cpSync(join(REPO_ROOT, 'dist', 'web'), webDir, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'helpdesk-web-files-'));
    smtp = await SmtpSink.start();
    system = await TestSystem.start('web', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'gateway'],
      env: { SMTP_URL: smtp.url, ENABLE_CLIENT_REGISTRATION: 'true' },
      serviceEnv: { gateway: { WEB_DIST_DIR: webDir } },
    });
    await seed(await system.admin());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
    await system?.stop();
    await smtp?.stop();
    for (const dir of [webDir, files]) {
      if (dir) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);

  async function seed(admin: ApiClient): Promise<void> {
    billing = await createDepartment(admin, { name: 'Billing' });
    technical = await createDepartment(admin, { name: 'Technical Support' });
    const staff = (name: string, email: string, departmentIds: number[]) =>
      createStaff(admin, { name, email, password: PASSWORD, departmentIds });
    alice = await staff('Alice Archer', 'alice@staff.test', [billing.id]);
    await staff('Avery Brooks', 'avery@staff.test', [billing.id]);
    bob = await staff('Bob Baker', 'bob@staff.test', [technical.id]);
    olivia = await createClient(admin, { name: 'Olivia Owens', email: 'olivia@client.test', password: PASSWORD });
    await createClient(admin, { name: 'Chris Carter', email: 'chris@client.test', password: PASSWORD });
    await bodyOf(
      admin.post('/api/canned-responses', {
        title: 'Refund issued',
        body: 'Hello {{client.firstName}},\n\nwe refunded the second charge on ticket #{{ticket.id}}.',
        departmentId: billing.id,
      }),
    );
    oliviaApi = await system.api().login(olivia.email, PASSWORD);
    const chrisApi = await system.api().login('chris@client.test', PASSWORD);
    // Older tickets, so that the list has something to sort.
    for (const [client, subject, priority, departmentId] of [
      [oliviaApi, 'Address change for invoices', 'low', billing.id],
      [chrisApi, 'Card declined at checkout', 'urgent', billing.id],
      [chrisApi, 'VAT number missing on receipt', 'medium', billing.id],
      [oliviaApi, 'Server returns 502 after deploy', 'high', technical.id],
    ] as const) {
      await bodyOf(client.post('/api/tickets', { departmentId, subject, message: `About: ${subject}.`, priority }));
    }
  }

  async function signIn(
    path: string,
    email: string,
    viewport = { width: 1400, height: 900 },
    password = PASSWORD,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${system.baseUrl}${path}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  async function shot(page: Page, name: string, fullPage = false): Promise<void> {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
  }

  const firstRowSubject = (page: Page) => page.locator('.ticket-table tbody tr').first().locator('.col-subject');

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible' });

  it('a client opens a ticket with an attachment in the portal', async () => {
    const page = await signIn('/client/login', olivia.email);
    await page.waitForURL('**/client/tickets');
    await visible(page.getByRole('link', { name: 'Address change for invoices' }));

    await page.getByRole('link', { name: 'Open a ticket' }).first().click();
    await page.getByLabel('Department').selectOption({ label: 'Billing' });
    await page.getByLabel('Subject').fill('Invoice 2041 charged twice');
    await page.getByLabel('Priority').selectOption('high');
    await page
      .getByLabel('Message')
      .fill('Hello,\nmy card was charged twice for invoice 2041.\n<b>Not bold</b>, just text.');
    const statement = join(files, 'card-statement.txt');
    writeFileSync(statement, '2024-05-01  INVOICE 2041  49.00 EUR\n2024-05-01  INVOICE 2041  49.00 EUR\n');
    await page.getByLabel('Attach files').setInputFiles(statement);
    await visible(page.getByRole('list', { name: 'Files to send' }).getByText('uploaded'));
    await page.getByRole('button', { name: 'Open ticket' }).click();

    await page.waitForURL(/\/client\/tickets\/\d+$/);
    ticketId = Number(new URL(page.url()).pathname.split('/').pop());
    await visible(page.getByText(`Your ticket #${ticketId} is open`));
    const message = page.getByRole('article', { name: 'Message from Olivia Owens' });
    await expect(message.textContent()).resolves.toContain('<b>Not bold</b>, just text.');
    await expect(message.locator('b').count()).resolves.toBe(0);
    await visible(message.getByRole('button', { name: /card-statement\.txt/ }));
    await shot(page, 'client-ticket-opened');

    // The session survives a reload.
    await page.reload();
    await visible(page.getByRole('heading', { name: `#${ticketId} Invoice 2041 charged twice` }));
  }, 60_000);

  it('staff of the department see it on top, sort by priority, assign, reply with a canned response and add a note', async () => {
    const page = await signIn('/admin/tickets', alice.email);
    await page.waitForURL('**/admin/tickets');
    await expect(firstRowSubject(page).textContent()).resolves.toBe('Invoice 2041 charged twice');
    const subjects = await page.locator('.ticket-table tbody .col-subject').allTextContents();
    expect(subjects).not.toContain('Server returns 502 after deploy');
    await shot(page, 'staff-ticket-list');

    // New activity arrives without a reload, and the filters stay.
    await page.getByLabel('Status').selectOption('open');
    await bodyOf(
      oliviaApi.post('/api/tickets', {
        departmentId: billing.id,
        subject: 'Second card charged too',
        message: 'And another one.',
      }),
    );
    await page.getByRole('link', { name: 'Second card charged too' }).waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('open');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectEventually(async () => expect(await page.getByLabel('Status').inputValue()).toBe(''), UI_TIMEOUT);

    await page.getByRole('button', { name: 'Priority' }).click();
    await visible(page.locator('th[aria-sort="descending"]', { hasText: 'Priority' }));
    await expectEventually(
      async () => expect(await firstRowSubject(page).textContent()).toBe('Card declined at checkout'),
      UI_TIMEOUT,
    );
    await page.getByRole('button', { name: 'Priority' }).click();
    await expectEventually(
      async () => expect(await firstRowSubject(page).textContent()).toBe('Address change for invoices'),
      UI_TIMEOUT,
    );

    await page.getByRole('link', { name: 'Invoice 2041 charged twice' }).click();
    await page.waitForURL(`**/admin/tickets/${ticketId}`);
    await visible(page.getByRole('heading', { name: `#${ticketId} Invoice 2041 charged twice` }));

    // The client's file downloads with its name and bytes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /card-statement\.txt/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('card-statement.txt');
    expect(readFileSync(await download.path(), 'utf8')).toContain('INVOICE 2041');

    // Assignee: only staff of the department are offered.
    const assignee = page.getByLabel('Assigned to');
    await assignee.locator('option', { hasText: 'Avery Brooks' }).waitFor({ state: 'attached' });
    await expect(assignee.locator('option').allTextContents()).resolves.not.toContain('Bob Baker');
    await assignee.selectOption({ label: 'Alice Archer (me)' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.locator('.ticket-facts').getByText('Alice Archer'));
    await expect(page.getByLabel('Status').locator('option').allTextContents()).resolves.not.toContain('Answered');

    // A canned response, filled in for this ticket, goes into the reply box.
    await page.getByLabel('Canned response').selectOption({ label: 'Refund issued' });
    const reply = page.getByLabel('Your reply');
    await expect(reply.inputValue()).resolves.toBe(
      `Hello Olivia,\n\nwe refunded the second charge on ticket #${ticketId}.`,
    );
    await reply.press('Control+End');
    await reply.pressSequentially('\nThe money is back within 3 days.');
    // A log dropped on the form is attached too.
    // (A string, as this runs in the browser, whose DOM types the test's typecheck does not know.)
    const dropped = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['refund 49.00 EUR ok\\n'], 'refund.log', { type: 'text/plain' }));
      return data;
    })()`);
    await page.locator('.reply-box .drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await visible(page.getByRole('list', { name: 'Files to send' }).getByText('uploaded'));
    await page.getByRole('button', { name: 'Send reply' }).click();
    await visible(page.getByRole('article', { name: 'Message from Alice Archer' }));
    await expect(reply.inputValue()).resolves.toBe('');
    await visible(page.locator('.page-header .badge', { hasText: 'Answered' }));

    await page.getByLabel('Internal note').check();
    await page
      .getByLabel('Internal note (visible to staff only)')
      .fill('Refund approved by finance; watch for a chargeback.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    const note = page.getByRole('article', { name: 'Internal note from Alice Archer' });
    await visible(note.getByText('Internal note · visible to staff only'));
    await visible(page.locator('.history').getByText('added an internal note'));
    await page.getByRole('tab', { name: 'Emails sent' }).click();
    await visible(page.getByRole('tabpanel').getByText('olivia@client.test'));
    await page.getByRole('tab', { name: 'History' }).click();
    await shot(page, 'staff-ticket', true);
  }, 90_000);

  it('the client sees the reply and the status, and never the internal note', async () => {
    const page = await signIn('/client/login', olivia.email, { width: 390, height: 844 });
    await page.waitForURL('**/client/tickets');
    const row = page.locator('tr', { hasText: 'Invoice 2041 charged twice' });
    await visible(row.getByText('Answered'));
    await shot(page, 'client-my-tickets-phone', true);

    await row.getByRole('link').click();
    await page.waitForURL(`**/client/tickets/${ticketId}`);
    const reply = page.getByRole('article', { name: 'Message from Alice Archer' });
    await visible(reply.getByText('The money is back within 3 days.'));
    await visible(reply.getByRole('button', { name: /refund\.log/ }));
    await expect(page.content()).resolves.not.toContain('chargeback');
    await expect(page.getByText('Internal note').count()).resolves.toBe(0);

    await page.getByLabel('Your reply').fill('Thank you, all good now.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await visible(
      page.getByRole('article', { name: 'Message from Olivia Owens' }).getByText('Thank you, all good now.'),
    );
    await visible(page.locator('.page-header .badge', { hasText: 'Customer Reply' }));
    await shot(page, 'client-ticket-phone', true);
  }, 60_000);

  it('staff of another department do not see the ticket', async () => {
    const page = await signIn('/admin/tickets', bob.email);
    await page.waitForURL('**/admin/tickets');
    await visible(page.getByRole('link', { name: 'Server returns 502 after deploy' }));
    await expect(page.getByRole('link', { name: 'Invoice 2041 charged twice' }).count()).resolves.toBe(0);
    await page.goto(`${system.baseUrl}/admin/tickets/${ticketId}`);
    await visible(page.getByRole('heading', { name: `Ticket #${ticketId} not found` }));
    // Nor the staff of a department they do not work in.
    const api = await system.api().login(bob.email, PASSWORD);
    await expect(api.get(`/api/departments/${billing.id}/staff`)).resolves.toMatchObject({ status: 403 });
  }, 45_000);

  it('admins manage staff, and everyone can sign out', async () => {
    const page = await signIn('/login', TEST_ADMIN.email, undefined, TEST_ADMIN.password);
    await page.waitForURL('**/admin/tickets');
    await page.getByRole('link', { name: 'Staff' }).click();
    await visible(page.getByRole('cell', { name: 'Bob Baker' }));
    await page.getByRole('button', { name: 'Edit Bob Baker' }).click();
    await page.getByRole('checkbox', { name: 'Billing' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(
      page.getByRole('row', { name: /Bob Baker.*Billing, Technical Support|Bob Baker.*Technical Support, Billing/ }),
    );
    await shot(page, 'admin-staff');
    await page.getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('button', { name: 'Edit Billing' }).click();
    await page.getByLabel('Auto-close after (days)').fill('7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByRole('row', { name: /Billing.*After 7 days/ }));
    await shot(page, 'admin-departments');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${system.baseUrl}/admin/tickets`);
    await page.waitForURL('**/login?next=*');
  }, 45_000);
});
