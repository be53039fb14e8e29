import { MailIngressPatterns, PrincipalKind, TicketPatterns, TicketView } from '@helpdesk/contracts';
import { replyAddress, ReplyTokens } from '@helpdesk/mail';
import { MailIngressClient } from '@helpdesk/messaging';
import {
  bodyOf,
  createWorld,
  expectEventually,
  MetricsScrape,
  scrapeMetrics,
  ServiceName,
  SmtpDialogue,
  smtpTransaction,
  TEST_MAIL,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';
import { randomInt } from 'node:crypto';

const SERVICES: ServiceName[] = [
  'access',
  'tickets',
  'attachments',
  'notifications',
  'mail-ingress',
  'scheduler',
  'webhooks',
  'gateway',
];

/** What every service exports, besides its own metrics. */
const COMMON_METRICS = [
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_seconds',
  'helpdesk_broker_connected',
];

const SERVICE_METRICS: Record<ServiceName, string[]> = {
  webhooks: [
    'helpdesk_rpc_server_duration_seconds',
    'helpdesk_outbox_pending_events',
    'helpdesk_event_queue_messages',
    'helpdesk_database_pool_connections',
  ],
  access: [
    'helpdesk_rpc_server_duration_seconds',
    'helpdesk_outbox_pending_events',
    'helpdesk_database_pool_connections',
  ],
  tickets: [
    'helpdesk_rpc_server_duration_seconds',
    'helpdesk_outbox_pending_events',
    'helpdesk_outbox_oldest_pending_age_seconds',
    'helpdesk_event_queue_messages',
    'helpdesk_database_pool_connections',
  ],
  attachments: [
    'helpdesk_attachment_bytes_total',
    'helpdesk_event_queue_messages',
    'helpdesk_database_pool_connections',
  ],
  notifications: [
    'helpdesk_notification_mails_total',
    'helpdesk_event_queue_messages',
    'helpdesk_event_consumer_lag_seconds',
    'helpdesk_database_pool_connections',
  ],
  'mail-ingress': [
    'helpdesk_inbound_mails_total',
    'helpdesk_inbound_mail_backlog_messages',
    'helpdesk_inbound_mail_backlog_oldest_age_seconds',
    'helpdesk_rpc_client_timeouts_total',
    'helpdesk_database_pool_connections',
  ],
  scheduler: [
    'helpdesk_scheduler_job_runs_total',
    'helpdesk_scheduler_job_duration_seconds',
    'helpdesk_database_pool_connections',
  ],
  gateway: ['http_server_request_duration_seconds', 'helpdesk_rpc_client_duration_seconds'],
};

/** Every service's /metrics on its health port, after real traffic and a consumer outage. */
describe('metrics', () => {
  let system: TestSystem;
  let world: World;
  let rpc: MailIngressClient;
  let ownerEmail: string;
  const healthPorts = {} as Record<ServiceName, number>;
  const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);
  const scrape = (service: ServiceName): Promise<MetricsScrape> => scrapeMetrics(healthPorts[service]);

  beforeAll(async () => {
    // Below the ephemeral range freePort draws from, so no other port of the system takes one.
    const base = 20_000 + 8 * randomInt(1_000);
    SERVICES.forEach((service, i) => (healthPorts[service] = base + i));
    const serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {};
    for (const service of SERVICES) {
      serviceEnv[service] = { HEALTH_PORT: String(healthPorts[service]) };
    }
    serviceEnv['mail-ingress'] = {
      ...serviceEnv['mail-ingress'],
      MAIL_PROCESSING_RETRY_MS: '300',
      MAIL_PROCESSING_ATTEMPTS: '2',
      MAIL_REDRIVE_AFTER: '1s',
      MAIL_PROCESSING_LEASE: '3s',
    };
    system = await TestSystem.start('metrics', {
      services: SERVICES,
      env: { RPC_TIMEOUT_MS: '1500' },
      serviceEnv,
    });
    world = await createWorld(system.api(), await system.admin());
    ownerEmail = (await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    rpc = new MailIngressClient({ url: system.isolation.rabbitmqUrl, timeoutMs: 10_000 });
    await expectEventually(async () => {
      const { dialogue, greeting } = await SmtpDialogue.open(system.smtpPort);
      await dialogue.quit();
      expect(greeting.code).toBe(220);
    }, 60_000);
  }, 180_000);

  afterAll(async () => {
    await rpc?.onModuleDestroy();
    await system?.stop();
  }, 60_000);

  const openTicket = () =>
    bodyOf<TicketView>(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: uniqueName('Metrics'),
        message: 'Hello.',
      }),
      201,
    );
  const sendReply = (ticketId: number, text: string) => {
    const to = replyAddress(
      { localPart: TEST_MAIL.replyLocalPart, domain: TEST_MAIL.domain },
      tokens.sign({ ticketId, recipient: { kind: PrincipalKind.Client, id: world.ownerId } }),
    );
    const message = [
      `From: Olivia <${ownerEmail}>`,
      `To: ${to}`,
      `Subject: ${uniqueName('Re')}`,
      `Message-ID: <${uniqueName('m')}@client.test>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
    ].join('\r\n');
    return smtpTransaction(system.smtpPort, { from: ownerEmail, to: [to], message });
  };

  it.each(SERVICES)("serves %s's metrics in the Prometheus text format on its health port", async (service) => {
    const metrics = await scrape(service);

    expect(metrics.names()).toEqual(expect.arrayContaining([...COMMON_METRICS, ...SERVICE_METRICS[service]]));
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(metrics.value('nodejs_eventloop_lag_seconds')).toBeLessThan(5);
    const brokerConnections = metrics.samples('helpdesk_broker_connected');
    expect(brokerConnections.length).toBeGreaterThan(0);
    expect(brokerConnections.filter((connection) => connection.value !== 1)).toEqual([]);
    if (service !== 'gateway') {
      const pool = metrics.samples('helpdesk_database_pool_connections').map((sample) => sample.labels.state);
      expect(pool.sort()).toEqual(['idle', 'open', 'waiting']);
    }
  });

  it('counts each gateway request once under its route template, never its raw URL', async () => {
    const ticket = await openTicket();
    const route = { method: 'GET', route: '/api/tickets/:id', status_code: '200' };
    const rpcSent = { queue: 'tickets', pattern: TicketPatterns.Get, outcome: 'ok' };
    const gatewayBefore = await scrape('gateway');
    const ticketsBefore = await scrape('tickets');

    for (let i = 0; i < 7; i++) {
      await bodyOf(world.owner.get(`/api/tickets/${ticket.id}`));
    }
    await world.owner.get('/api/no-such-route-4711');

    const gateway = await scrape('gateway');
    const requests = 'http_server_request_duration_seconds';
    expect((gateway.value(requests, route) ?? 0) - (gatewayBefore.value(requests, route) ?? 0)).toBe(7);
    expect(gateway.value(requests, { route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    const sent = 'helpdesk_rpc_client_duration_seconds';
    expect((gateway.value(sent, rpcSent) ?? 0) - (gatewayBefore.value(sent, rpcSent) ?? 0)).toBe(7);
    const answered = 'helpdesk_rpc_server_duration_seconds';
    const answeredLabels = { pattern: TicketPatterns.Get, outcome: 'ok' };
    const tickets = await scrape('tickets');
    expect((tickets.value(answered, answeredLabels) ?? 0) - (ticketsBefore.value(answered, answeredLabels) ?? 0)).toBe(
      7,
    );
    const text = await (await fetch(`http://127.0.0.1:${healthPorts.gateway}/metrics`)).text();
    expect(text).not.toContain('4711');
    expect(text).not.toContain(`/api/tickets/${ticket.id}`);
  });

  it('counts attachment bytes both ways, and the events and mails a new ticket causes', async () => {
    const attachmentsBefore = await scrape('attachments');
    const notificationsBefore = await scrape('notifications');
    const bytes = Buffer.alloc(1_000, 'a');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/plain' }), 'metrics.txt');
    const uploaded = await fetch(`${system.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.owner.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const [stored] = (await uploaded.json()) as { id: number }[];
    await bodyOf(
      world.owner.post('/api/tickets', {
        departmentId: world.departmentA.id,
        subject: uniqueName('With a file'),
        message: 'See attached.',
        attachmentIds: [stored.id],
      }),
      201,
    );
    const downloaded = await fetch(`${system.baseUrl}/api/attachments/${stored.id}`, {
      headers: { authorization: `Bearer ${world.owner.token}` },
    });
    expect((await downloaded.arrayBuffer()).byteLength).toBe(1_000);

    const moved = (after: MetricsScrape, before: MetricsScrape, name: string, labels: Record<string, string> = {}) =>
      (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);
    await expectEventually(async () => {
      const attachments = await scrape('attachments');
      expect(moved(attachments, attachmentsBefore, 'helpdesk_attachment_bytes_total', { direction: 'in' })).toBe(1_000);
      expect(moved(attachments, attachmentsBefore, 'helpdesk_attachment_bytes_total', { direction: 'out' })).toBe(
        1_000,
      );
      const notifications = await scrape('notifications');
      const queue = { queue: 'notifications.ticket-events' };
      expect(
        moved(notifications, notificationsBefore, 'helpdesk_events_handled_total', { ...queue, outcome: 'ok' }),
      ).toBeGreaterThan(0);
      expect(moved(notifications, notificationsBefore, 'helpdesk_event_consumer_lag_seconds', queue)).toBeGreaterThan(
        0,
      );
      // Nothing listens at SMTP_URL in tests: the mails are retried.
      expect(moved(notifications, notificationsBefore, 'helpdesk_notification_mails_total')).toBeGreaterThan(0);
      const tickets = await scrape('tickets');
      expect(tickets.value('helpdesk_outbox_pending_events')).toBe(0);
      expect(tickets.value('helpdesk_outbox_oldest_pending_age_seconds')).toBe(0);
    }, 30_000);
  });

  it('shows the inbound backlog rising while the tickets service is stopped and falling when it returns', async () => {
    const ticket = await openTicket();
    const before = await scrape('mail-ingress');
    await system.stopService('tickets');

    for (let i = 0; i < 4; i++) {
      const result = await sendReply(ticket.id, `Reply ${i} while tickets is away.`);
      expect(result.final?.code).toBe(250);
    }
    await expectEventually(async () => {
      const during = await scrape('mail-ingress');
      expect(during.value('helpdesk_inbound_mail_backlog_messages')).toBe(4);
      expect(during.value('helpdesk_inbound_mail_backlog_oldest_age_seconds')).toBeGreaterThan(0);
      expect(during.value('helpdesk_rpc_client_timeouts_total', { queue: 'tickets' })).toBeGreaterThan(
        before.value('helpdesk_rpc_client_timeouts_total', { queue: 'tickets' }) ?? 0,
      );
    }, 30_000);
    const accepted = { outcome: 'accepted' };
    expect(
      ((await scrape('mail-ingress')).value('helpdesk_inbound_mails_total', accepted) ?? 0) -
        (before.value('helpdesk_inbound_mails_total', accepted) ?? 0),
    ).toBe(4);

    system.startService('tickets');
    await system.waitUntilReady();
    await expectEventually(
      async () => {
        // What the scheduler does every few minutes: publish again the jobs that stalled.
        await rpc.send(MailIngressPatterns.Redrive, {}).catch(() => undefined);
        const after = await scrape('mail-ingress');
        expect(after.value('helpdesk_inbound_mail_backlog_messages')).toBe(0);
        expect(after.value('helpdesk_inbound_mail_backlog_oldest_age_seconds')).toBe(0);
      },
      60_000,
      1_000,
    );
  }, 120_000);
});
