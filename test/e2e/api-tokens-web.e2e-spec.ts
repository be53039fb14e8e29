import { ApiTokenView } from '@helpdesk/contracts';
import { bodyOf, createStaff, STAFF_PASSWORD, TEST_ADMIN, TestSystem, WebBrowser } from '@helpdesk/testing';
import { Page } from 'playwright-core';

/** Profile → API tokens in a real browser: create (shown once), use, see it used, revoke; the admin's list. */
describe('API tokens in the web app', () => {
  let system: TestSystem;
  let web: WebBrowser;
  let staffEmail: string;

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('api-tokens-web', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
    });
    const admin = await system.admin();
    staffEmail = (await createStaff(admin, { email: 'sam@staff.test', name: 'Sam Staff', departmentIds: [] })).email;
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
  }, 60_000);

  const signIn = (email: string, password: string): Promise<Page> => web.signedIn(system.baseUrl, email, password);

  it('a staff member creates a token, sees it shown once and then used, and revokes it', async () => {
    const page = await signIn(staffEmail, STAFF_PASSWORD);
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('button', { name: 'New token' }).click();
    await expect(page.getByLabel(/^admin/).count()).resolves.toBe(0);
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByLabel(/^tickets:write/).check();
    await page.getByLabel('Expires').selectOption({ label: 'in 90 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('api-token-secret').textContent()) ?? '';
    expect(token).toMatch(/^hdk_/);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.getByTestId('api-token-secret').count()).resolves.toBe(0);
    await expect(page.getByText(token).count()).resolves.toBe(0);
    await page.getByRole('cell', { name: 'tickets:read, tickets:write' }).waitFor();
    await expect(page.getByTestId('token-last-used').textContent()).resolves.toBe('never');

    const viaToken = system.api().withToken(token);
    await bodyOf(viaToken.get('/api/tickets'), 200);
    await page.reload();
    await expect(page.getByTestId('token-last-used').textContent()).resolves.toBe('just now');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByText('No API tokens yet.').waitFor();
    expect((await viaToken.get('/api/tickets')).body.code).toBe('TOKEN_REVOKED');
  });

  it("an admin sees everyone's tokens with their owner and revokes one", async () => {
    const sam = await system.api().login(staffEmail, STAFF_PASSWORD);
    const { id } = await bodyOf<{ id: string }>(
      sam.post('/api/me/tokens', { name: 'Nightly export', scopes: ['tickets:read'] }),
      201,
    );
    const page = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'All API tokens' }).click();
    await page.getByRole('cell', { name: /Sam Staff/ }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.getByText('Nobody has an API token.').waitFor();
    const left = await bodyOf<ApiTokenView[]>(sam.get('/api/me/tokens'), 200);
    expect(left.map((token) => token.id)).not.toContain(id);
  });
});
