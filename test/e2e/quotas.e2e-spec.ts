import { ErrorCode } from '@helpdesk/contracts';
import { ApiClient, bodyOf, createWorld, HttpResponse, TestSystem, World } from '@helpdesk/testing';

const PER_HOUR = 3;

const STORED_BYTES_PER_ACCOUNT = 1_000;

async function upload(client: ApiClient, name: string, text = `notes of ${name}\n`): Promise<HttpResponse> {
  const form = new FormData();
  form.append('file', new Blob([text]), name);
  const response = await fetch(`${client.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Each call made once more than the quota allows: the last one is refused, the others pass. */
async function burst(times: number, call: (attempt: number) => Promise<HttpResponse>): Promise<HttpResponse[]> {
  const responses: HttpResponse[] = [];
  for (let attempt = 0; attempt < times; attempt++) {
    responses.push(await call(attempt));
  }
  return responses;
}

function expectQuotaRefusal(response: HttpResponse): void {
  expect(response.status).toBe(429);
  expect((response.body as { code: string }).code).toBe(ErrorCode.QuotaExceeded);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3_600);
}

describe('hourly quotas per account', () => {
  let system: TestSystem;
  let world: World;

  beforeAll(async () => {
    system = await TestSystem.start('quotas', {
      services: ['access', 'tickets', 'attachments', 'gateway'],
      serviceEnv: {
        access: {
          QUOTA_TICKETS_PER_HOUR: String(PER_HOUR),
          QUOTA_REPLIES_PER_HOUR: String(PER_HOUR),
          QUOTA_UPLOADS_PER_HOUR: String(PER_HOUR),
        },
        attachments: { ATTACHMENTS_MAX_STORED_BYTES_PER_ACCOUNT: String(STORED_BYTES_PER_ACCOUNT) },
      },
    });
    world = await createWorld(system.api(), await system.admin());
  }, 120_000);

  afterAll(() => system?.stop());

  const openTicket = (client: ApiClient, subject: string) =>
    client.post('/api/tickets', { departmentId: world.departmentA.id, subject, message: 'Hello' });

  it('a burst of tickets over the quota gets 429 with Retry-After; another account is not affected', async () => {
    const responses = await burst(PER_HOUR + 2, (attempt) => openTicket(world.owner, `Burst ${attempt}`));
    expect(responses.slice(0, PER_HOUR).map((response) => response.status)).toEqual([201, 201, 201]);
    responses.slice(PER_HOUR).forEach(expectQuotaRefusal);
    const mine = await bodyOf<{ items: unknown[] }>(world.owner.get('/api/tickets'));
    expect(mine.items).toHaveLength(PER_HOUR);
    await expect(openTicket(world.otherClient, 'Unaffected')).resolves.toMatchObject({ status: 201 });
  });

  it('a burst of replies over the quota gets 429 with Retry-After and adds nothing', async () => {
    const ticket = await bodyOf<{ id: number }>(openTicket(world.otherClient, 'Replies'), 201);
    const responses = await burst(PER_HOUR + 1, (attempt) =>
      world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: `Answer ${attempt}` }),
    );
    expect(responses.slice(0, PER_HOUR).map((response) => response.status)).toEqual([201, 201, 201]);
    expectQuotaRefusal(responses[PER_HOUR]);
    const view = await bodyOf<{ messages: unknown[] }>(world.staffA.get(`/api/tickets/${ticket.id}`));
    expect(view.messages).toHaveLength(1 + PER_HOUR);
  });

  it('a burst of uploads over the quota gets 429 with Retry-After', async () => {
    const responses = await burst(PER_HOUR + 1, (attempt) => upload(world.staffB, `notes-${attempt}.txt`));
    expect(responses.slice(0, PER_HOUR).map((response) => response.status)).toEqual([201, 201, 201]);
    expectQuotaRefusal(responses[PER_HOUR]);
  });

  it('an upload that would pass the storage of its account is refused whole; another account still uploads', async () => {
    const text = 'x'.repeat(STORED_BYTES_PER_ACCOUNT * 0.6);
    await expect(upload(world.staffA, 'first.txt', text)).resolves.toMatchObject({ status: 201 });
    const refused = await upload(world.staffA, 'second.txt', text);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: ErrorCode.QuotaExceeded });
    await expect(upload(world.owner, 'elsewhere.txt', text)).resolves.toMatchObject({ status: 201 });
  });
});
