import {
  DeliveryStatus,
  TicketPriority,
  TicketView,
  WebhookBody,
  WebhookDeliveryDetail,
  WebhookDeliveryView,
  WebhookSecret,
  WebhookView,
} from '@helpdesk/contracts';
import {
  ApiClient,
  bodyOf,
  createWorld,
  expectEventually,
  ReceivedWebhook,
  SmtpSink,
  TEST_ADMIN,
  TestSystem,
  webhookSignatureValid,
  WebhookReceiver,
  World,
} from '@helpdesk/testing';
import { Client } from 'pg';

interface ErrorReply {
  code: string;
  message: string;
}

const ALL_EVENTS = ['ticket.created', 'ticket.updated', 'ticket.message_added', 'ticket.note_added', 'ticket.closed'];

describe('webhooks', () => {
  let system: TestSystem;
  let world: World;
  let admin: ApiClient;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;

  beforeAll(async () => {
    receiver = await WebhookReceiver.create();
    sink = await SmtpSink.start();
    system = await TestSystem.start('webhooks', {
      services: ['access', 'tickets', 'notifications', 'webhooks', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, PUBLIC_URL: 'https://help.example.test' },
        webhooks: {
          WEBHOOK_ALLOW_HTTP: 'true',
          WEBHOOK_ALLOW_PRIVATE: 'true',
          WEBHOOK_POLL_INTERVAL_MS: '200',
          WEBHOOK_RETRY_BASE_MS: '200',
          WEBHOOK_RETRY_MAX_MS: '1000',
          WEBHOOK_DISABLE_AFTER_DEAD: '3',
        },
      },
    });
    admin = await system.admin();
    world = await createWorld(system.api(), admin);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
    await sink?.stop();
  }, 60_000);

  const register = (path: string, extra: object = {}): Promise<WebhookSecret> =>
    bodyOf(admin.post('/api/admin/webhooks', { url: receiver.url(path), events: ALL_EVENTS, ...extra }), 201);
  const openTicket = (departmentId = world.departmentA.id, subject = 'Invoice charged twice'): Promise<TicketView> =>
    bodyOf(world.owner.post('/api/tickets', { departmentId, subject, message: 'My card was charged twice.' }), 201);
  const bodyOfRequest = (request: ReceivedWebhook) => JSON.parse(request.body) as WebhookBody;
  /** Waits until `path` received `count` requests that match. */
  const receivedAt = (path: string, count: number, match: (body: WebhookBody) => boolean = () => true) =>
    expectEventually(() => {
      const requests = receiver.to(path).filter((request) => match(bodyOfRequest(request)));
      expect(requests).toHaveLength(count);
      return requests;
    }, 20_000);
  const deliveries = (id: number, status?: DeliveryStatus): Promise<WebhookDeliveryView[]> =>
    bodyOf(admin.get(`/api/admin/webhooks/${id}/deliveries${status ? `?status=${status}` : ''}`), 200);

  it('refuses bad input with a 400 naming the field, and anyone but an admin', async () => {
    const cases: [object, string][] = [
      [{ url: 'not a url', events: ['ticket.created'] }, 'url'],
      [{ url: 'ftp://example.com/hook', events: ['ticket.created'] }, 'url'],
      [{ url: receiver.url('/x'), events: ['ticket.exploded'] }, 'events'],
      [{ url: receiver.url('/x'), events: [] }, 'events'],
      [{ url: receiver.url('/x'), events: ['ticket.created'], departmentIds: ['billing'] }, 'departmentIds'],
      [{ url: receiver.url('/x'), events: ['ticket.created'], includeNotes: 'yes' }, 'includeNotes'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post<ErrorReply>('/api/admin/webhooks', body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.message).toContain(field);
    }
    const patched = await admin.patch<ErrorReply>('/api/admin/webhooks/1', { events: ['nope'] });
    expect(patched.status).toBe(400);
    expect(patched.body.message).toContain('events');
    const badDelivery = await admin.get('/api/admin/webhooks/1/deliveries/not-a-uuid');
    expect(badDelivery.status).toBe(400);
    const badStatus = await admin.get<ErrorReply>('/api/admin/webhooks/1/deliveries?status=lost');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain('status');

    const asStaff = await world.staffA.post<ErrorReply>('/api/admin/webhooks', {
      url: receiver.url('/x'),
      events: ALL_EVENTS,
    });
    expect([asStaff.status, asStaff.body.code]).toEqual([403, 'ACCESS_DENIED']);
    expect((await world.owner.get('/api/admin/webhooks')).status).toBe(403);
    expect((await admin.get<ErrorReply>('/api/admin/webhooks/999999')).body.code).toBe('WEBHOOK_NOT_FOUND');
  });

  it('signs each event with the secret shown once, and sends the ticket with the change', async () => {
    const { id, secret } = await register('/signed', { departmentIds: [world.departmentA.id] });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const shown = await bodyOf<WebhookView>(admin.get(`/api/admin/webhooks/${id}`), 200);
    expect(shown).toMatchObject({ id, url: receiver.url('/signed'), events: ALL_EVENTS, active: true });
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(JSON.stringify(await bodyOf(admin.get('/api/admin/webhooks'), 200))).not.toContain(secret);

    const ticket = await openTicket();
    // What the admin API shows of the ticket right after it was opened, conversation aside.
    const { messages: _conversation, ...asAdminSees } = await bodyOf<TicketView>(
      admin.get(`/api/tickets/${ticket.id}`),
      200,
    );
    const patched = await bodyOf<TicketView>(
      admin.patch(`/api/tickets/${ticket.id}`, { priority: TicketPriority.Urgent }),
      200,
    );
    const [created, updated] = await receivedAt('/signed', 2, (body) => body.ticket?.id === ticket.id);
    expect(bodyOfRequest(created).ticket).toEqual(asAdminSees);
    expect(bodyOfRequest(updated).ticket).toEqual({
      ...asAdminSees,
      priority: 'urgent',
      lastActivityAt: patched.lastActivityAt,
    });

    for (const request of [created, updated]) {
      expect(webhookSignatureValid(request, secret)).toBe(true);
      expect(webhookSignatureValid(request, `${secret}0`)).toBe(false);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-helpdesk-delivery']).toBe(bodyOfRequest(request).id);
      expect(Math.abs(Number(request.headers['x-helpdesk-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(created.headers['x-helpdesk-event']).toBe('ticket.created');
    expect(bodyOfRequest(created)).toMatchObject({
      event: 'ticket.created',
      ticket: {
        id: ticket.id,
        subject: 'Invoice charged twice',
        status: 'open',
        client: { id: world.ownerId },
        department: { id: world.departmentA.id, name: world.departmentA.name },
        assignee: null,
      },
      message: { body: 'My card was charged twice.', internal: false },
    });
    expect(bodyOfRequest(updated)).toMatchObject({
      event: 'ticket.updated',
      ticket: { id: ticket.id, priority: 'urgent' },
      changes: { priority: { from: ticket.priority, to: 'urgent' } },
      actor: { kind: 'staff' },
    });

    const other = await openTicket(world.departmentB.id);
    await bodyOf(admin.patch(`/api/tickets/${other.id}`, { priority: TicketPriority.Low }), 200);
    await bodyOf(admin.patch(`/api/tickets/${ticket.id}`, { priority: TicketPriority.Low }), 200);
    await receivedAt('/signed', 3, (body) => body.ticket?.id === ticket.id);
    expect(receiver.to('/signed').filter((request) => bodyOfRequest(request).ticket?.id === other.id)).toEqual([]);
  });

  it('sends internal notes only to webhooks that include them, and the closing as ticket.closed', async () => {
    const plain = await register('/plain');
    const withNotes = await register('/notes', { includeNotes: true });
    const ticket = await openTicket();
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/notes`, { message: 'Refund pending' }), 201);
    await bodyOf(world.staffA.post(`/api/tickets/${ticket.id}/replies`, { message: 'Refunded.' }), 201);
    await bodyOf(world.staffA.patch(`/api/tickets/${ticket.id}`, { status: 'closed' }), 200);

    const eventsAt = async (path: string, count: number) =>
      (await receivedAt(path, count, (body) => body.ticket?.id === ticket.id)).map((request) => ({
        event: bodyOfRequest(request).event,
        changes: bodyOfRequest(request).changes,
      }));
    expect(await eventsAt('/notes', 5)).toEqual([
      { event: 'ticket.created', changes: undefined },
      { event: 'ticket.note_added', changes: undefined },
      { event: 'ticket.message_added', changes: undefined },
      { event: 'ticket.updated', changes: { status: { from: 'open', to: 'answered' } } },
      { event: 'ticket.closed', changes: { status: { from: 'answered', to: 'closed' } } },
    ]);
    expect((await eventsAt('/plain', 4)).map((entry) => entry.event)).not.toContain('ticket.note_added');
    expect(plain.id).not.toBe(withNotes.id);
  });

  it('keeps the old secret valid beside the new one after a rotation', async () => {
    const { id, secret: oldSecret } = await register('/rotated', { events: ['ticket.created'] });
    const rotated = await bodyOf<WebhookSecret>(admin.post(`/api/admin/webhooks/${id}/rotate-secret`), 200);
    expect(rotated.id).toBe(id);
    expect(rotated.secret).not.toBe(oldSecret);
    const view = await bodyOf<WebhookView>(admin.get(`/api/admin/webhooks/${id}`), 200);
    const overlap = Date.parse(String(view.previousSecretExpiresAt)) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);

    const ticket = await openTicket();
    const [request] = await receivedAt('/rotated', 1, (body) => body.ticket?.id === ticket.id);
    expect(String(request.headers['x-helpdesk-signature']).split(',')).toHaveLength(2);
    expect(webhookSignatureValid(request, rotated.secret)).toBe(true);
    expect(webhookSignatureValid(request, oldSecret)).toBe(true);
  });

  it('stores signing secrets encrypted, and seals ones stored in plain text at the next start', async () => {
    const { id, secret } = await register('/sealed', { events: ['ticket.created'] });
    const db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    try {
      const stored = async () =>
        (await db.query<{ secret: string }>(`SELECT "secret" FROM "webhooks"."webhooks" WHERE "id" = $1`, [id])).rows[0]
          .secret;
      expect(await stored()).toMatch(/^v1\./);
      expect(await stored()).not.toContain(secret.slice(6, 20));

      // As a webhook registered before secrets were encrypted left it.
      await db.query(`UPDATE "webhooks"."webhooks" SET "secret" = $2 WHERE "id" = $1`, [id, secret]);
      await system.stopService('webhooks');
      system.startService('webhooks');
      await system.waitUntilReady();
      await expectEventually(async () => expect(await stored()).toMatch(/^v1\./), 20_000);
    } finally {
      await db.end();
    }
    const ticket = await openTicket();
    const [request] = await receivedAt('/sealed', 1, (body) => body.ticket?.id === ticket.id);
    expect(webhookSignatureValid(request, secret)).toBe(true);
  });

  it('makes a delivery dead on 410 Gone, logs the exchange, redelivers with the same id, and test-fires', async () => {
    receiver.answer('/gone', 410);
    const { id } = await register('/gone', { events: ['ticket.created'] });
    const ticket = await openTicket();
    const [dead] = await expectEventually(async () => {
      const found = await deliveries(id, DeliveryStatus.Dead);
      expect(found).toHaveLength(1);
      return found;
    }, 20_000);
    expect(dead).toMatchObject({ event: 'ticket.created', ticketId: ticket.id, attempts: 1, responseCode: 410 });
    expect(await deliveries(id, DeliveryStatus.Succeeded)).toEqual([]);
    const detail = await bodyOf<WebhookDeliveryDetail>(
      admin.get(`/api/admin/webhooks/${id}/deliveries/${dead.id}`),
      200,
    );
    expect(detail.responseBody).toBe('answered 410');
    expect(detail.request.url).toBe(receiver.url('/gone'));
    expect(detail.request.headers['x-helpdesk-delivery']).toBe(dead.id);
    expect(JSON.parse(detail.request.body)).toMatchObject({ id: dead.id, event: 'ticket.created' });

    receiver.answer('/gone', 204);
    await bodyOf(admin.post(`/api/admin/webhooks/${id}/deliveries/${dead.id}/redeliver`), 202);
    await expectEventually(async () => {
      expect((await deliveries(id, DeliveryStatus.Succeeded)).map((delivery) => delivery.id)).toEqual([dead.id]);
    }, 20_000);
    expect(receiver.to('/gone').map((request) => request.headers['x-helpdesk-delivery'])).toEqual([dead.id, dead.id]);

    const test = await bodyOf<WebhookDeliveryView>(admin.post(`/api/admin/webhooks/${id}/test`), 202);
    expect(test).toMatchObject({ event: 'webhook.test', ticketId: null });
    const [fired] = await receivedAt('/gone', 1, (body) => body.event === 'webhook.test');
    expect(fired.headers['x-helpdesk-delivery']).toBe(test.id);
  });

  it('turns a webhook off after its limit of dead deliveries in a row, mails the admins, and is back on by PATCH', async () => {
    receiver.answer('/doomed', 410);
    const { id } = await register('/doomed', { events: ['ticket.created'] });
    for (let i = 0; i < 3; i++) {
      await openTicket();
    }
    const off = await expectEventually(async () => {
      const view = await bodyOf<WebhookView>(admin.get(`/api/admin/webhooks/${id}`), 200);
      expect(view.active).toBe(false);
      return view;
    }, 20_000);
    expect(off.consecutiveDead).toBe(3);
    expect(off.disabledReason).toBe('3 deliveries in a row were dead');
    const [notice] = await expectEventually(() => {
      const mails = sink.to(TEST_ADMIN.email).filter((mail) => mail.parsed.subject === `Webhook #${id} was turned off`);
      expect(mails).toHaveLength(1);
      return mails;
    }, 20_000);
    expect(notice.parsed.text).toContain(receiver.url('/doomed'));
    expect(notice.parsed.text).toContain('https://help.example.test/admin/webhooks');
    const on = await bodyOf<WebhookView>(admin.patch(`/api/admin/webhooks/${id}`, { active: true }), 200);
    expect(on).toMatchObject({ active: true, consecutiveDead: 0, disabledReason: null });
    expect((await admin.delete(`/api/admin/webhooks/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/admin/webhooks/${id}`)).status).toBe(404);
  });

  it('delivers 1,000 changes made while the receiver was down, each ticket in order, each delivery once', async () => {
    const outage = await WebhookReceiver.create(false);
    try {
      const { id, secret } = await bodyOf<WebhookSecret>(
        admin.post('/api/admin/webhooks', {
          url: outage.url('/bulk'),
          events: ['ticket.updated'],
          departmentIds: [world.departmentB.id],
        }),
        201,
      );
      const cycle = [TicketPriority.Medium, TicketPriority.High, TicketPriority.Urgent, TicketPriority.Low];
      const tickets = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          bodyOf<TicketView>(
            admin.post('/api/tickets', {
              departmentId: world.departmentB.id,
              clientId: world.ownerId,
              subject: `Bulk ${i}`,
              message: 'Changes follow.',
              priority: TicketPriority.Low,
            }),
            201,
          ),
        ),
      );
      const changesPerTicket = 50;
      let committed = 0;
      await Promise.all(
        tickets.map(async (ticket) => {
          for (let i = 0; i < changesPerTicket; i++) {
            await bodyOf(admin.patch(`/api/tickets/${ticket.id}`, { priority: cycle[i % cycle.length] }), 200);
            committed++;
            if (committed === 500) {
              await outage.start();
            }
          }
        }),
      );
      const received = await expectEventually(
        () => {
          const succeeded = outage.received.filter((request) => request.status === 200);
          expect(succeeded.length).toBeGreaterThanOrEqual(tickets.length * changesPerTicket);
          return succeeded;
        },
        180_000,
        500,
      );

      const ids = received.map((request) => String(request.headers['x-helpdesk-delivery']));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(1000);
      expect(received.every((request) => webhookSignatureValid(request, secret))).toBe(true);
      for (const ticket of tickets) {
        const priorities = received
          .map(bodyOfRequest)
          .filter((body) => body.ticket?.id === ticket.id)
          .map((body) => body.changes?.priority.to);
        expect(priorities).toEqual(Array.from({ length: changesPerTicket }, (_, i) => cycle[i % cycle.length]));
      }
      const firstSent = await bodyOf<WebhookDeliveryDetail>(
        admin.get(`/api/admin/webhooks/${id}/deliveries/${ids[0]}`),
      );
      expect(firstSent.status).toBe(DeliveryStatus.Succeeded);
      expect(firstSent.attempts).toBeGreaterThan(1);
      expect(await deliveries(id, DeliveryStatus.Failed)).toEqual([]);
    } finally {
      await outage.stop();
    }
  }, 300_000);
});
