import {
  bodyOf,
  CLIENT_PASSWORD,
  createWorld,
  REPO_ROOT,
  TEST_ADMIN,
  TestSystem,
  WebBrowser,
  World,
} from '@helpdesk/testing';
import { join } from 'node:path';
import { Page } from 'playwright-core';

const UI_TIMEOUT = 20_000;

/** Participants in a real browser: the console's panel, the reply box's Cc, mentions, and the portal of a CC. */
describe('participants in the web app', () => {
  let system: TestSystem;
  let web: WebBrowser;
  let world: World;
  let ticketId: number;
  let other: { email: string; name: string };
  let alice: { name: string };
  let adminName: string;

  const signIn = (email: string, password: string, landing: string): Promise<Page> =>
    web.signedIn(system.baseUrl, email, password, landing);

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('participants-web', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir } },
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
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
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
