import { ApiClient, bodyOf, STAFF_PASSWORD, TestSystem, uniqueName } from '@helpdesk/testing';

/** The gateway sits behind one proxy, which appends the address it saw to X-Forwarded-For. */
const signIn = (api: ApiClient, forwardedFor: string, email: string, password: string) =>
  api.request<{ code?: string; message?: string }>(
    'POST',
    '/api/auth/login',
    { email, password },
    { 'x-forwarded-for': forwardedFor },
  );

describe('sign-in throttling behind a proxy', () => {
  let system: TestSystem;
  let api: ApiClient;

  const createStaff = async () => {
    const admin = await system.admin();
    const email = `${uniqueName('throttled').toLowerCase()}@staff.test`;
    await bodyOf(
      admin.post('/api/staff', {
        email,
        name: 'Throttled Staff',
        password: STAFF_PASSWORD,
        role: 'staff',
        departmentIds: [],
      }),
      201,
    );
    return email;
  };

  beforeAll(async () => {
    system = await TestSystem.start('sign-in-throttling', {
      services: ['access', 'tickets', 'gateway', 'scheduler'],
      serviceEnv: {
        gateway: { TRUST_PROXY_HOPS: '1' },
        access: { SIGN_IN_FAILURES_RETENTION: '2s' },
        scheduler: {
          SIGN_IN_FAILURES_PURGE_INTERVAL: '1s',
          ENABLE_AUTO_CLOSE_SWEEP: 'false',
          ENABLE_ATTACHMENTS_CLEANUP: 'false',
          ENABLE_MAIL_REDRIVE: 'false',
          ENABLE_MAIL_RAW_PURGE: 'false',
        },
      },
    });
    api = system.api();
  }, 120_000);

  afterAll(() => system?.stop());

  it('1,000 failed sign-ins for one account from one address leave it open from another address', async () => {
    const email = await createStaff();
    const started = Date.now();
    const statuses = new Map<number, number>();
    for (let attempt = 0; attempt < 1_000; attempt++) {
      const { status } = await signIn(api, '203.0.113.7', email, `wrong-${attempt}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    process.stdout.write(
      `1,000 failed sign-ins took ${Date.now() - started} ms: ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    expect((await signIn(api, '203.0.113.7', email, STAFF_PASSWORD)).status).toBe(429);
    expect((await signIn(api, '198.51.100.1', email, STAFF_PASSWORD)).status).toBe(200);
  });

  it('the address is the one the proxy appended, not one the client wrote to the left of it', async () => {
    const email = await createStaff();
    for (let attempt = 0; attempt < 30; attempt++) {
      await signIn(api, '203.0.113.8', email, 'wrong');
    }
    const forged = await signIn(api, '198.51.100.2, 203.0.113.8', email, STAFF_PASSWORD);
    expect(forged.status).toBe(429);
  });

  it('the access service locks the account for that address after LOGIN_MAX_FAILURES, below the gateway limit', async () => {
    const email = await createStaff();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await signIn(api, '203.0.113.9', email, 'wrong')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("the scheduler's purge forgets failures past SIGN_IN_FAILURES_RETENTION: the count starts again", async () => {
    const email = await createStaff();
    const failThreeTimes = async () => [
      (await signIn(api, '203.0.113.20', email, 'wrong')).status,
      (await signIn(api, '203.0.113.20', email, 'wrong')).status,
      (await signIn(api, '203.0.113.20', email, 'wrong')).status,
    ];
    expect(await failThreeTimes()).toEqual([401, 401, 401]);
    // Retention 2 s, the purge every second: remembered, these 3 and 3 more would pass LOGIN_MAX_FAILURES (5).
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await failThreeTimes()).toEqual([401, 401, 401]);
  });

  it('an account that does not exist is answered exactly as one that does', async () => {
    const known = await createStaff();
    const unknown = `${uniqueName('nobody').toLowerCase()}@staff.test`;
    const answers = async (address: string, email: string) => {
      const replies = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        const { status, body } = await signIn(api, address, email, 'wrong');
        replies.push({ status, code: body.code, message: body.message?.replace(/\d+ s\b/, 'N s') });
      }
      return replies;
    };
    expect(await answers('203.0.113.10', unknown)).toEqual(await answers('203.0.113.11', known));
  });
});
