import { bodyOf, expectEventually, ImapServer, TEST_ADMIN, TestSystem, WebBrowser } from '@helpdesk/testing';
import { Page } from 'playwright-core';

const ADDRESS = 'sales@shop.test';

/** The admin page of IMAP mailboxes in a real browser, against a real IMAP server: add, test, edit, pause, delete. */
describe('mailboxes in the web app', () => {
  let system: TestSystem;
  let imap: ImapServer;
  let web: WebBrowser;
  let page: Page;

  beforeAll(async () => {
    web = await WebBrowser.start();
    imap = await ImapServer.start();
    system = await TestSystem.start('mailboxes-web', {
      services: ['access', 'tickets', 'mail-ingress', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
    });
    const admin = await system.admin();
    await bodyOf(admin.post('/api/departments', { name: 'Sales' }), 201);
    page = await web.signedIn(system.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
    await imap?.stop();
  }, 60_000);

  it('an admin adds a mailbox (a wrong password is refused first), tests, edits (password kept), pauses and deletes it', async () => {
    const [user] = imap.users;
    await page.getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByRole('button', { name: 'New mailbox' }).click();
    await page.getByLabel('Department').selectOption({ label: 'Sales' });
    await page.getByLabel('Address', { exact: true }).fill(ADDRESS);
    await page.getByLabel('IMAP server').fill(imap.host);
    await page.getByLabel('Port', { exact: true }).fill(String(imap.port));
    await page.getByLabel('Use TLS').uncheck();
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password', { exact: true }).fill(`${user.password}-wrong`);
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    await page.getByRole('alert').getByText('The IMAP server refused the login:', { exact: false }).waitFor();

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    await page.getByRole('button', { name: `Test connection ${ADDRESS}` }).click();
    await page
      .getByRole('list', { name: `Folders of ${ADDRESS}` })
      .getByText('INBOX', { exact: true })
      .waitFor();

    await page.getByRole('button', { name: `Edit ${ADDRESS}` }).click();
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await page.getByLabel('After import').selectOption({ label: 'Move to a folder' });
    await page.getByLabel('Move to folder').fill('Archive');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').getByText('The folder "Archive" does not exist', { exact: false }).waitFor();
    await imap.createFolder(user.username, 'Archive');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('form', { name: `Edit ${ADDRESS}` }).waitFor({ state: 'detached' });

    // A fetched mail shows in the inbound log with where it came from (an unknown sender: refused, and logged).
    await imap.append(
      user.username,
      `From: stranger@else.test\r\nTo: ${ADDRESS}\r\nSubject: Fetched over IMAP\r\nMessage-ID: <web-imap@else.test>\r\n\r\nHi.\r\n`,
    );
    await page.getByRole('link', { name: 'Inbound mail' }).click();
    await expectEventually(async () => {
      await page.reload();
      await page.getByText(`fetched from the mailbox of ${ADDRESS}`).waitFor({ timeout: 3_000 });
    }, 30_000);
    await page.getByRole('link', { name: 'Mailboxes' }).click();

    await page.getByRole('button', { name: `Pause ${ADDRESS}` }).click();
    await page.getByTestId('mailbox-state').getByText('Paused').waitFor();
    await page.getByRole('button', { name: `Resume ${ADDRESS}` }).waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete ${ADDRESS}` }).click();
    await page.getByText('No mailboxes yet.').waitFor();
  });
});
