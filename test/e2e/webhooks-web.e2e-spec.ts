import {
  bodyOf,
  expectEventually,
  TEST_ADMIN,
  TestSystem,
  webhookSignatureValid,
  WebhookReceiver,
  WebBrowser,
} from '@helpdesk/testing';
import { Page } from 'playwright-core';

const UI_TIMEOUT = 20_000;

/** The admin pages of webhooks in a real browser: create (secret shown once), test, log, redeliver, rotate, delete. */
describe('webhooks in the web app', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let web: WebBrowser;
  let page: Page;
  let departmentId: number;

  beforeAll(async () => {
    web = await WebBrowser.start();
    receiver = await WebhookReceiver.create();
    system = await TestSystem.start('webhooks-web', {
      services: ['access', 'tickets', 'webhooks', 'gateway'],
      serviceEnv: {
        gateway: { WEB_DIST_DIR: web.webDir },
        webhooks: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_INTERVAL_MS: '200' },
      },
    });
    const admin = await system.admin();
    departmentId = (await bodyOf<{ id: number }>(admin.post('/api/departments', { name: 'Billing' }))).id;
    page = await web.signedIn(system.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
    await receiver?.stop();
  }, 60_000);

  it('an admin adds a webhook, keeps its secret, and follows, redelivers and rotates in the log', async () => {
    const url = receiver.url('/crm');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByLabel('ticket.closed').check();
    await page.getByLabel('Billing').check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);

    const admin = await system.admin();
    const ticket = await bodyOf<{ id: number }>(
      admin.post('/api/tickets', { departmentId, clientId: await clientId(), subject: 'Hello', message: 'Hi.' }),
      201,
    );
    const [created] = await expectEventually(() => {
      const requests = receiver.to('/crm');
      expect(requests).toHaveLength(1);
      return requests;
    }, UI_TIMEOUT);
    expect(webhookSignatureValid(created, secret)).toBe(true);

    await page.getByRole('button', { name: `Test ${url}` }).click();
    await page.getByRole('link', { name: url }).click();
    await expectEventually(async () => {
      await expect(page.getByTestId('delivery-status').allTextContents()).resolves.toEqual(['succeeded', 'succeeded']);
    }, UI_TIMEOUT);
    await page.getByRole('button', { name: 'ticket.created' }).click();
    await page.getByText(`"id":${ticket.id}`, { exact: false }).first().waitFor();
    await page.getByRole('button', { name: `Redeliver ${String(created.headers['x-helpdesk-delivery'])}` }).click();
    await expectEventually(() => {
      const ids = receiver.to('/crm').map((request) => request.headers['x-helpdesk-delivery']);
      expect(ids.filter((id) => id === created.headers['x-helpdesk-delivery'])).toHaveLength(2);
    }, UI_TIMEOUT);

    await page.getByRole('link', { name: 'All webhooks' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Rotate secret ${url}` }).click();
    const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete ${url}` }).click();
    await page.getByText('No webhooks yet.').waitFor();
  });

  async function clientId(): Promise<number> {
    const admin = await system.admin();
    const client = await bodyOf<{ id: number }>(
      admin.post('/api/clients', { email: 'olivia@client.test', name: 'Olivia', password: 'client-password-1' }),
    );
    return client.id;
  }
});
