import {
  bodyOf,
  expectEventually,
  REPO_ROOT,
  TEST_ADMIN,
  TestSystem,
  webhookSignatureValid,
  WebhookReceiver,
} from '@helpdesk/testing';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const UI_TIMEOUT = 20_000;

/** The admin pages of webhooks in a real browser: create (secret shown once), test, log, redeliver, rotate, delete. */
describe('webhooks in the web app', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let webDir: string;
  let page: Page;
  let departmentId: number;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
    cpSync(join(REPO_ROOT, 'dist', 'web'), webDir, { recursive: true });
    receiver = await WebhookReceiver.create();
    system = await TestSystem.start('webhooks-web', {
      services: ['access', 'tickets', 'webhooks', 'gateway'],
      serviceEnv: {
        gateway: { WEB_DIST_DIR: webDir },
        webhooks: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_INTERVAL_MS: '200' },
      },
    });
    const admin = await system.admin();
    departmentId = (await bodyOf<{ id: number }>(admin.post('/api/departments', { name: 'Billing' }))).id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${system.baseUrl}/login`);
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/tickets');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await receiver?.stop();
    if (webDir) {
      rmSync(webDir, { recursive: true, force: true });
    }
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
