import { ErrorCode, PresenceView, StaffView, TicketSummary, TicketView } from '@helpdesk/contracts';
import {
  ApiClient,
  bodyOf,
  createStaff,
  createWorld,
  expectEventually,
  STAFF_PASSWORD,
  TestSystem,
  WebBrowser,
  World,
} from '@helpdesk/testing';

const PRESENCE_TTL_MS = 3_000;

interface StreamedEvent {
  type: string;
  data: Record<string, unknown>;
}

/** A server-sent event stream read with fetch, as an EventSource would: every event it delivered. */
class EventStreamReader {
  readonly events: StreamedEvent[] = [];
  private readonly abort = new AbortController();

  private constructor(readonly status: number) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    const reader = new EventStreamReader(response.status);
    reader.abort.signal.addEventListener('abort', () => abort.abort());
    if (response.ok && response.body) {
      void reader.read(response.body);
    } else {
      abort.abort();
    }
    return reader;
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        const frames = buffered.split('\n\n');
        buffered = frames.pop() ?? '';
        for (const frame of frames) {
          const type = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (type && data) {
            this.events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
          }
        }
      }
    } catch {
      // closed by the test
    }
  }
}

/**
 * Presence and the staff event stream (issue 20): staff who see a ticket say they are viewing or
 * replying with a heartbeat that expires after PRESENCE_TTL; the list rows and an SSE stream,
 * scoped to the departments of each staff member, carry it. Clients never learn of any of it.
 */
describe('presence and the event stream', () => {
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;
  let alice: StaffView;
  let bob: StaffView;
  let carol: ApiClient;
  const streams: EventStreamReader[] = [];

  beforeAll(async () => {
    web = await WebBrowser.start();
    system = await TestSystem.start('presence', {
      services: ['access', 'tickets', 'gateway'],
      serviceEnv: { gateway: { WEB_DIST_DIR: web.webDir }, tickets: { PRESENCE_TTL: `${PRESENCE_TTL_MS}ms` } },
    });
    world = await createWorld(system.api(), await system.admin());
    alice = await bodyOf(world.admin.get(`/api/staff/${world.staffAId}`));
    // Bob works in department A too; Carol only in department B.
    bob = await bodyOf(
      world.admin.patch(`/api/staff/${world.staffBId}`, {
        departmentIds: [world.departmentA.id, world.departmentB.id],
      }),
    );
    const carolAccount = await createStaff(world.admin, {
      email: `carol-${Date.now()}@staff.test`,
      name: 'Carol Elsewhere',
      departmentIds: [world.departmentB.id],
    });
    carol = await system.api().login(carolAccount.email, STAFF_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    await web?.stop();
    await system?.stop();
  }, 60_000);

  const open = () =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: 'Two agents, one ticket',
        message: 'Who is on this?',
      }),
      201,
    );
  const presenceOf = (as: ApiClient, ticketId: number) =>
    bodyOf<PresenceView[]>(as.get(`/api/tickets/${ticketId}/presence`));
  const stream = async (as: ApiClient, via: 'query' | 'header') => {
    const reader =
      via === 'query'
        ? await EventStreamReader.open(`${system.baseUrl}/api/events/stream?access_token=${as.token}`)
        : await EventStreamReader.open(`${system.baseUrl}/api/events/stream`, { authorization: `Bearer ${as.token}` });
    streams.push(reader);
    return reader;
  };

  it('shows two staff sessions to each other, and ends a presence at once on DELETE', async () => {
    const ticket = await open();
    const afterAlice = await bodyOf<PresenceView[]>(
      world.staffA.put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing' }),
    );
    expect(afterAlice).toEqual([
      {
        staff: { id: alice.id, name: alice.name },
        state: 'viewing',
        since: expect.any(String),
        expiresAt: expect.any(String),
      },
    ]);
    expect(Date.parse(afterAlice[0].expiresAt) - Date.parse(afterAlice[0].since)).toBe(PRESENCE_TTL_MS);

    await bodyOf(world.staffB.put(`/api/tickets/${ticket.id}/presence`, { state: 'replying' }));
    expect(await presenceOf(world.staffA, ticket.id)).toEqual([
      expect.objectContaining({ staff: { id: alice.id, name: alice.name }, state: 'viewing' }),
      expect.objectContaining({ staff: { id: bob.id, name: bob.name }, state: 'replying' }),
    ]);

    await bodyOf(world.staffB.delete(`/api/tickets/${ticket.id}/presence`));
    expect((await presenceOf(world.staffA, ticket.id)).map((entry) => entry.staff.id)).toEqual([alice.id]);
  });

  it('lets a presence expire PRESENCE_TTL after the last heartbeat', async () => {
    const ticket = await open();
    await bodyOf(world.staffA.put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing' }));
    expect(await presenceOf(world.staffB, ticket.id)).toHaveLength(1);
    const started = Date.now();
    await expectEventually(async () => expect(await presenceOf(world.staffB, ticket.id)).toEqual([]), 10_000, 200);
    expect(Date.now() - started).toBeGreaterThan(PRESENCE_TTL_MS / 2);
  });

  it('carries presence on staff list rows, never on clients', async () => {
    const ticket = await open();
    await bodyOf(world.staffA.put(`/api/tickets/${ticket.id}/presence`, { state: 'replying' }));
    const staffRows = await bodyOf<{ items: TicketSummary[] }>(world.staffB.get('/api/tickets?sort=-id&limit=5'));
    expect(staffRows.items.find((row) => row.id === ticket.id)?.presence).toEqual([
      { staffId: alice.id, name: alice.name, state: 'replying' },
    ]);
    const clientRows = await bodyOf<{ items: TicketSummary[] }>(world.owner.get('/api/tickets'));
    expect(clientRows.items.length).toBeGreaterThan(0);
    expect(clientRows.items.every((row) => !('presence' in row))).toBe(true);
  });

  it('answers clients 404 on the presence routes, even on their own ticket', async () => {
    const ticket = await open();
    for (const response of [
      await world.owner.put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing' }),
      await world.owner.get(`/api/tickets/${ticket.id}/presence`),
      await world.owner.delete(`/api/tickets/${ticket.id}/presence`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: ErrorCode.TicketNotFound });
    }
    const outside = await carol.put(`/api/tickets/${ticket.id}/presence`, { state: 'viewing' });
    expect(outside.status).toBe(404);
  });

  it("streams presence and messages to staff of the ticket's department only; clients get 403", async () => {
    const clientStream = await stream(world.owner, 'query');
    expect(clientStream.status).toBe(403);
    const tokenInAddress = await fetch(`${system.baseUrl}/api/tickets?access_token=${world.staffB.token}`);
    expect(tokenInAddress.status).toBe(401);
    const bobs = await stream(world.staffB, 'query');
    const carols = await stream(carol, 'header');
    expect([bobs.status, carols.status]).toEqual([200, 200]);
    // The gateway's queue is bound before the stream answers; give the first frames a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ticket = await open();
    await bodyOf(world.staffA.put(`/api/tickets/${ticket.id}/presence`, { state: 'replying' }));
    const reply = await bodyOf<{ id: number }>(
      world.owner.post(`/api/tickets/${ticket.id}/replies`, { message: 'Any news?' }),
      201,
    );
    const note = await bodyOf<{ id: number }>(
      world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'Checking with billing.' }),
      201,
    );

    const ofTicket = () => bobs.events.filter((event) => event.data.ticketId === ticket.id);
    await expectEventually(() =>
      expect(ofTicket()).toEqual(
        expect.arrayContaining([
          {
            type: 'presence',
            data: { ticketId: ticket.id, staff: { id: alice.id, name: alice.name }, state: 'replying' },
          },
          {
            type: 'message',
            data: { ticketId: ticket.id, messageId: reply.id, author: expect.any(String), internal: false },
          },
          { type: 'message', data: { ticketId: ticket.id, messageId: note.id, author: alice.name, internal: true } },
        ]),
      ),
    );
    await expectEventually(
      () => expect(ofTicket()).toContainEqual({ type: 'presence', data: expect.objectContaining({ state: 'gone' }) }),
      15_000,
      200,
    );
    expect(carols.events.filter((event) => event.data.ticketId === ticket.id)).toEqual([]);
  }, 30_000);

  it('shows in the browser who is replying, on the list and on the ticket', async () => {
    const ticket = await open();
    const beat = () => world.staffB.put(`/api/tickets/${ticket.id}/presence`, { state: 'replying' });
    await beat();
    const heartbeat = setInterval(() => void beat(), 1_000);
    try {
      const page = await web.signedIn(system.baseUrl, alice.email, STAFF_PASSWORD);
      const row = page.getByRole('row').filter({ hasText: `#${ticket.id}` });
      await row.getByText(`${bob.name} is replying`).waitFor();
      await page.goto(`${system.baseUrl}/admin/tickets/${ticket.id}`);
      await page.locator('.ticket-facts').getByText(`${bob.name} is replying`).waitFor();
    } finally {
      clearInterval(heartbeat);
    }
  }, 60_000);
});
