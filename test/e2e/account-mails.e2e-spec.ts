import { ErrorCode } from '@helpdesk/contracts';
import {
  bodyOf,
  CLIENT_PASSWORD,
  createWorld,
  expectEventually,
  SmtpSink,
  TestSystem,
  uniqueName,
  WebBrowser,
  World,
} from '@helpdesk/testing';
import { Client } from 'pg';

const PER_ADDRESS = 3;
const PER_REMOTE_ADDRESS = 6;
const NEW_PASSWORD = 'a-new-password-9';

/**
 * Issue 14: a self-registered account signs in only after opening the link mailed to its address,
 * password resets go by mailed link, and both mails are limited per address and per remote
 * address. Each test poses as its own remote address (X-Forwarded-For through one trusted hop).
 */
describe('account mails: address confirmation and password reset', () => {
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;
  let remoteCounter = 0;

  beforeAll(async () => {
    web = await WebBrowser.start();
    sink = await SmtpSink.start();
    system = await TestSystem.start('account_mails', {
      services: ['access', 'tickets', 'notifications', 'gateway'],
      serviceEnv: {
        access: {
          ENABLE_CLIENT_REGISTRATION: 'true',
          ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS),
          ACCOUNT_MAILS_PER_REMOTE_ADDRESS_PER_HOUR: String(PER_REMOTE_ADDRESS),
        },
        notifications: { SMTP_URL: sink.url },
        gateway: { WEB_DIST_DIR: web.webDir, TRUST_PROXY_HOPS: '1', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
      },
    });
    world = await createWorld(system.api(), await system.admin());
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  /** The API as seen from a remote address of this test's own. */
  const fromNewRemote = () => {
    const remote = `203.0.113.${++remoteCounter}`;
    const api = system.api();
    return (path: string, body: unknown) => api.request('POST', path, body, { 'x-forwarded-for': remote });
  };

  const address = (tag: string) => `${uniqueName(tag)}@client.test`.toLowerCase();

  /** The link of the latest mail to `to` whose subject is `subject`, once it arrived. */
  const linkMailed = (to: string, subject: string, count = 1) =>
    expectEventually(() => {
      const mails = sink.to(to).filter((mail) => mail.parsed.subject === subject);
      expect(mails).toHaveLength(count);
      const link = /https?:\/\/\S+\?token=([A-Za-z0-9_%-]+)/.exec(mails[count - 1].parsed.text ?? '');
      expect(link).not.toBeNull();
      return { url: link![0], token: decodeURIComponent(link![1]) };
    }, 20_000);

  const codeOf = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body?.code,
  });

  it('signs a registered client in only after the mailed link confirmed the address; the link works once', async () => {
    const post = fromNewRemote();
    const email = address('sally');
    const registered = await post('/api/auth/register', { email, name: 'Sally Self', password: CLIENT_PASSWORD });
    expect(registered).toMatchObject({ status: 201, body: { verificationRequired: true, user: { email } } });
    expect(registered.body).not.toHaveProperty('accessToken');
    expect(codeOf(await post('/api/auth/login', { email, password: CLIENT_PASSWORD }))).toEqual({
      status: 403,
      code: ErrorCode.EmailNotVerified,
    });

    const { url, token } = await linkMailed(email, 'Confirm your address to finish signing up');
    expect(url).toContain('/verify-email?token=');
    const verified = await post('/api/auth/verify-email', { token });
    expect(verified).toMatchObject({ status: 200, body: { user: { email, kind: 'client' } } });
    const sally = system.api().withToken(verified.body.accessToken);
    expect((await sally.get('/api/me')).status).toBe(200);
    expect((await post('/api/auth/login', { email, password: CLIENT_PASSWORD })).status).toBe(200);
    expect(codeOf(await post('/api/auth/verify-email', { token }))).toEqual({
      status: 400,
      code: ErrorCode.LinkInvalid,
    });
    expect(codeOf(await post('/api/auth/verify-email', { token: 'made-up' }))).toEqual({
      status: 400,
      code: ErrorCode.LinkInvalid,
    });
  });

  it('keeps no usable token: only a hash is stored, and an expired link is refused', async () => {
    const post = fromNewRemote();
    const email = address('late');
    await bodyOf(post('/api/auth/register', { email, name: 'Late Larry', password: CLIENT_PASSWORD }), 201);
    const { token } = await linkMailed(email, 'Confirm your address to finish signing up');
    const db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT encode("token_hash", 'hex') AS "hash" FROM "access"."account_mail_requests" WHERE "email" = $1`,
        [email],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].hash).not.toContain(Buffer.from(token).toString('hex'));
      await db.query(
        `UPDATE "access"."account_mail_requests" SET "expires_at" = now() - interval '1 second' WHERE "email" = $1`,
        [email],
      );
    } finally {
      await db.end();
    }
    expect(codeOf(await post('/api/auth/verify-email', { token }))).toEqual({
      status: 400,
      code: ErrorCode.LinkInvalid,
    });
    expect(codeOf(await post('/api/auth/login', { email, password: CLIENT_PASSWORD })).code).toBe(
      ErrorCode.EmailNotVerified,
    );
  });

  it('resets a password by mailed link: other sessions end, the old password stops working, unknown addresses learn nothing', async () => {
    const post = fromNewRemote();
    const ownerEmail = (await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    const unknown = await post('/api/auth/password-reset', { email: address('nobody') });
    const known = await post('/api/auth/password-reset', { email: ownerEmail });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));

    const { url, token } = await linkMailed(ownerEmail, 'Choose a new password');
    expect(url).toContain('/reset-password?token=');
    expect(codeOf(await post('/api/auth/password-reset/confirm', { token, password: 'short' }))).toEqual({
      status: 400,
      code: ErrorCode.ValidationFailed,
    });
    const reset = await post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(reset).toMatchObject({ status: 200, body: { user: { id: world.ownerId } } });
    expect((await world.owner.get('/api/me')).status).toBe(401);
    expect((await post('/api/auth/login', { email: ownerEmail, password: CLIENT_PASSWORD })).status).toBe(401);
    expect((await post('/api/auth/login', { email: ownerEmail, password: NEW_PASSWORD })).status).toBe(200);
    expect(codeOf(await post('/api/auth/password-reset/confirm', { token, password: 'another-password-1' }))).toEqual({
      status: 400,
      code: ErrorCode.LinkInvalid,
    });
  });

  it('lets a client who only wrote by email claim the account with a reset link, not by registering', async () => {
    const post = fromNewRemote();
    const email = address('mailonly');
    await bodyOf(world.admin.post('/api/clients', { email, name: 'Mel Mailonly' }), 201);
    const taken = await post('/api/auth/register', { email, name: 'Impostor', password: CLIENT_PASSWORD });
    expect(codeOf(taken)).toEqual({ status: 409, code: ErrorCode.EmailTaken });
    expect(taken.body.message).toContain('password-reset link');
    expect((await post('/api/auth/password-reset', { email })).status).toBe(202);
    const { token } = await linkMailed(email, 'Choose a new password');
    expect((await post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(200);
    expect((await post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('limits account mails per address and per remote address (429 with Retry-After)', async () => {
    const post = fromNewRemote();
    const email = address('flood');
    await bodyOf(post('/api/auth/register', { email, name: 'Flo Flood', password: CLIENT_PASSWORD }), 201);
    for (let i = 1; i < PER_ADDRESS; i++) {
      expect((await post('/api/auth/resend-verification', { email })).status).toBe(202);
    }
    const refused = await post('/api/auth/resend-verification', { email });
    expect(codeOf(refused)).toEqual({ status: 429, code: ErrorCode.TooManyAccountMails });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await linkMailed(email, 'Confirm your address to finish signing up', PER_ADDRESS);

    // Another address from the same remote one: refused once that remote asked PER_REMOTE_ADDRESS times.
    for (let i = PER_ADDRESS; i < PER_REMOTE_ADDRESS; i++) {
      expect((await post('/api/auth/password-reset', { email: address('spray') })).status).toBe(202);
    }
    expect(codeOf(await post('/api/auth/password-reset', { email: address('spray') }))).toEqual({
      status: 429,
      code: ErrorCode.TooManyAccountMails,
    });
    const elsewhere = fromNewRemote();
    expect((await elsewhere('/api/auth/password-reset', { email: address('spray') })).status).toBe(202);
  });

  it('in the web app: sign up, open the mailed link, signed in; forgot password, new one, signed in', async () => {
    const email = address('web');
    const page = await web.newPage();
    await page.goto(`${system.baseUrl}/client/register`);
    await page.getByLabel('Your name').fill('Wendy Web');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(CLIENT_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await page.getByText('a new link is on its way').waitFor();

    await page.goto(`${system.baseUrl}/client/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(CLIENT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Confirm your address first').waitFor();

    const confirm = await linkMailed(email, 'Confirm your address to finish signing up', 2);
    await page.goto(confirm.url.replace(/^https?:\/\/[^/]+/, system.baseUrl));
    await page.waitForURL('**/client/tickets');

    const other = await web.newPage();
    await other.goto(`${system.baseUrl}/client/login`);
    await other.getByRole('link', { name: 'Forgot your password?' }).click();
    await other.getByLabel('Email').fill(email);
    await other.getByRole('button', { name: 'Mail me a link' }).click();
    await other.getByText('a link to choose a new password is on its way').waitFor();
    const reset = await linkMailed(email, 'Choose a new password');
    await other.goto(reset.url.replace(/^https?:\/\/[^/]+/, system.baseUrl));
    await other.getByLabel('New password').fill(NEW_PASSWORD);
    await other.getByRole('button', { name: 'Save and sign in' }).click();
    await other.waitForURL('**/client/tickets');
    await other.context().close();
    await page.context().close();
  });
});
