import { bodyOf, CLIENT_PASSWORD, createWorld, REPO_ROOT, TEST_ADMIN, TestSystem, World } from '@helpdesk/testing';
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

/** Participants in a real browser: the console's panel, the reply box's Cc, mentions, and the portal of a CC. */
describe('participants in the web app', () => {
  let system: TestSystem;
  let browser: Browser;
  let webDir: string;
  let world: World;
  let ticketId: number;
  let other: { email: string; name: string };
  let alice: { name: string };
  let adminName: string;

  const signIn = async (email: string, password: string, landing: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${system.baseUrl}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(landing);
    return page;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
    cpSync(join(REPO_ROOT, 'dist', 'web'), webDir, { recursive: true });
    system = await TestSystem.start('participants-web', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: webDir } },
    });
    world = await createWorld(system.api(), await system.admin());
    other = await bodyOf(world.admin.get(`/api/clients/${world.otherClientId}`));
    alice = await bodyOf(world.admin.get(`/api/staff/${world.staffAId}`));
    adminName = (await bodyOf<{ name: string }>(world.admin.get('/api/me'))).name;
    ticketId = (
      await bodyOf<{ id: number }>(
        world.owner.post('/api/tickets', {
          departmentId: world.departmentA.id,
          subject: 'Projector is blinking',
          message: 'It blinks red.',
        }),
        201,
      )
    ).id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (webDir) {
      rmSync(webDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('staff add and remove CCs, follow, Cc from the reply box and see mentions highlighted', async () => {
    const page = await signIn(TEST_ADMIN.email, TEST_ADMIN.password, '**/admin/tickets');
    await page.goto(`${system.baseUrl}/admin/tickets/${ticketId}`);
    const panel = page.getByRole('region', { name: 'On this ticket' });
    await panel.getByLabel('Add to Cc').fill(other.email);
    await panel.getByRole('button', { name: 'Add Cc' }).click();
    await panel.getByText(`Cc · ${other.email}`).waitFor();

    await panel.getByRole('button', { name: 'Follow' }).click();
    await panel.getByRole('list', { name: 'Followers' }).getByText(adminName).waitFor();
    await panel.getByRole('button', { name: 'Unfollow' }).waitFor();

    await page.getByLabel('Your reply').fill('We are looking at it.');
    await page.getByLabel('Cc', { exact: true }).fill('pal@colleague.test');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await panel.getByText('Cc · pal@colleague.test').waitFor();
    await panel.getByRole('button', { name: 'Remove pal@colleague.test from Cc' }).click();
    await panel.getByText('Cc · pal@colleague.test').waitFor({ state: 'detached' });

    await page.getByLabel('Internal note', { exact: true }).check();
    await page.getByLabel('Internal note (visible to staff only)').fill(`@${alice.name} can you check the cable?`);
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await expect(page.locator('mark.mention').first().textContent({ timeout: UI_TIMEOUT })).resolves.toBe(
      `@${alice.name}`,
    );
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'participants-console.png') });
  }, 60_000);

  it('a registered client on Cc sees the ticket marked Cc, who is on it, and no notes', async () => {
    const page = await signIn(other.email, CLIENT_PASSWORD, '**/client/tickets');
    const row = page.getByRole('row').filter({ hasText: 'Projector is blinking' });
    await row.getByText('Cc', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'Projector is blinking' }).click();
    const panel = page.getByRole('region', { name: 'On this ticket' });
    await panel.getByText(`Cc · ${other.email}`).waitFor();
    await expect(panel.getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByText('can you check the cable').count()).resolves.toBe(0);
    await page.getByText('We are looking at it.').waitFor();
  }, 60_000);
});
