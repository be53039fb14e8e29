import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

import { REPO_ROOT } from './service-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const UI_TIMEOUT_MS = 20_000;

/**
 * The web app as browser tests need it: built, copied to a directory of this test's own (give it
 * to the gateway as WEB_DIST_DIR, so a parallel build cannot change it underneath), and a
 * headless Chromium to drive it.
 */
export class WebBrowser {
  private constructor(
    readonly webDir: string,
    private readonly browser: Browser,
  ) {}

  static async start(): Promise<WebBrowser> {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    const webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
    cpSync(join(REPO_ROOT, 'dist', 'web'), webDir, { recursive: true });
    return new WebBrowser(webDir, await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  }

  /** A page in a fresh context (no session), waiting up to 20 s for what it looks for. */
  async newPage(viewport = { width: 1400, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    return page;
  }

  /** A fresh page signed in through the sign-in form at `baseUrl/login`, once it reached `landing`. */
  async signedIn(baseUrl: string, email: string, password: string, landing = '**/admin/tickets'): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(landing);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    rmSync(this.webDir, { recursive: true, force: true });
  }
}
