import { createServer } from 'node:net';

import { TestDnsZone } from './dns-zone';
import { expectEventually } from './expect-eventually';
import { ApiClient } from './http-client';
import { createIsolation, Isolation } from './isolation';
import { TestS3Server } from './s3-server';
import { ServiceProcess } from './service-process';
import { TcpProxy } from './tcp-proxy';

export type ServiceName =
  'access' | 'tickets' | 'gateway' | 'attachments' | 'notifications' | 'mail-ingress' | 'scheduler' | 'webhooks';

export const TEST_ADMIN = { email: 'admin@example.test', password: 'admin-password-for-tests' };

/** What notifications signs reply tokens with and mail-ingress verifies them with, in tests. */
export const TEST_MAIL = {
  tokenSecret: 'test-only-mail-token-secret-0123456789',
  domain: 'helpdesk.test',
  replyLocalPart: 'reply',
};

/** The key the services of test systems sign and verify their RPCs with (INTERNAL_SIGNING_KEY). */
export const TEST_INTERNAL_SIGNING_KEY = 'test-only-internal-signing-key-0123456789';

export interface TestSystemOptions {
  services?: ServiceName[];
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Extra environment per service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Run an S3 server (s3rver, in this process) for the attachments service; default: when it runs. */
  s3?: boolean;
  /** Route the services' broker and database connections through proxies the spec can cut or slow down. */
  proxies?: boolean;
}

/** The attachments bucket of test systems. */
export const TEST_S3_BUCKET = 'test-attachments';
/** mail-ingress's raw-mail bucket in test systems. */
export const TEST_RAW_MAIL_BUCKET = 'test-raw-mail';

/**
 * The services of one spec file, started as compiled processes against a database and a
 * RabbitMQ vhost of its own; driven only through HTTP (and SMTP), as users do.
 */
export class TestSystem {
  private readonly processes = new Map<string, ServiceProcess>();
  /** The S3 server of the attachments service, when the system has one; stop() it to simulate an outage. */
  s3?: TestS3Server;
  /** The DNS zone mail-ingress checks senders against (SENDER_AUTH_DNS_SERVERS), when it runs: empty until a spec fills it. */
  dns?: TestDnsZone;
  /** The services' link to RabbitMQ, with `proxies`. */
  brokerLink?: TcpProxy;
  /** The services' link to PostgreSQL, with `proxies`. */
  databaseLink?: TcpProxy;
  private attachmentsHttpPort = 0;
  /** Where mail-ingress receives SMTP (SMTP_INGRESS_PORT), when the system runs it. */
  smtpPort = 0;
  private mailIngressHttpPort = 0;
  private constructor(
    readonly isolation: Isolation,
    readonly httpPort: number,
    private readonly options: TestSystemOptions,
  ) {}

  static async start(name: string, options: TestSystemOptions = {}): Promise<TestSystem> {
    const isolation = await createIsolation(name);
    const system = new TestSystem(isolation, await freePort(), options);
    const services = options.services ?? ['access', 'tickets', 'gateway'];
    system.attachmentsHttpPort = await freePort();
    system.smtpPort = await freePort();
    system.mailIngressHttpPort = await freePort();
    if (options.s3 ?? (services.includes('attachments') || services.includes('mail-ingress'))) {
      system.s3 = await TestS3Server.start();
    }
    if (services.includes('mail-ingress')) {
      system.dns = await TestDnsZone.start();
    }
    if (options.proxies) {
      system.brokerLink = await TcpProxy.start(Number(new URL(isolation.rabbitmqUrl).port || 5672));
      system.databaseLink = await TcpProxy.start(Number(new URL(isolation.databaseUrl).port || 5432));
    }
    for (const service of services) {
      system.startService(service);
    }
    try {
      await system.waitUntilReady();
    } catch (error) {
      // The spec never gets the system to stop: without this its processes outlive the run.
      await system.stop().catch(() => undefined);
      throw error;
    }
    return system;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  api(): ApiClient {
    return new ApiClient(this.baseUrl);
  }

  admin(): Promise<ApiClient> {
    return this.api().login(TEST_ADMIN.email, TEST_ADMIN.password);
  }

  /** Starts a service (or, with another label, one more replica of it). */
  startService(service: ServiceName, label: string = service, extraEnv: Record<string, string> = {}): ServiceProcess {
    let process = this.processes.get(label);
    if (!process) {
      process = new ServiceProcess(service, `${this.isolation.name}-${label}`, {
        ...this.environment(service),
        ...extraEnv,
      });
      this.processes.set(label, process);
    }
    process.start();
    return process;
  }

  async stopService(label: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    await this.processes.get(label)?.stop(signal);
  }

  /** The process started under `label` (e.g. to read its memory use from /proc). */
  service(label: string): ServiceProcess | undefined {
    return this.processes.get(label);
  }

  /** Until the gateway answers /health with every service behind it ready. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await expectEventually(
      async () => {
        const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
        if (response.status !== 200) {
          throw new Error(`not ready: ${response.status} ${await response.text()}`);
        }
      },
      timeoutMs,
      250,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop()));
    await this.s3?.dispose();
    await this.dns?.stop();
    await this.brokerLink?.close();
    await this.databaseLink?.close();
    await this.isolation.dispose();
  }

  private environment(service: ServiceName): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: this.databaseLink?.route(this.isolation.databaseUrl) ?? this.isolation.databaseUrl,
      RABBITMQ_URL: this.brokerLink?.route(this.isolation.rabbitmqUrl) ?? this.isolation.rabbitmqUrl,
      HTTP_PORT: String(this.httpPort),
      HTTP_HOST: '127.0.0.1',
      RPC_TIMEOUT_MS: '3000',
      SEED_ADMIN_EMAIL: TEST_ADMIN.email,
      SEED_ADMIN_PASSWORD: TEST_ADMIN.password,
      OUTBOX_POLL_INTERVAL_MS: '200',
      // The gateway's /health waits for every service of the system that answers pings.
      READINESS_SERVICES: (this.options.services ?? ['access', 'tickets']).join(','),
      INTERNAL_SIGNING_KEY: TEST_INTERNAL_SIGNING_KEY,
      // NODE_ENV=test is not development: every secret must be given, as in production.
      JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef',
      ATTACHMENTS_GRANT_SECRET: 'test-only-attachments-grant-secret-0123456789',
      WEBHOOK_SECRET_KEY: 'test-only-webhook-secret-key-0123456789',
      MAILBOX_SECRET_KEY: 'test-only-mailbox-secret-key-0123456789',
      // Specs open many tickets as one account; the quota spec sets its own limits.
      QUOTA_TICKETS_PER_HOUR: '100000',
      QUOTA_REPLIES_PER_HOUR: '100000',
      QUOTA_UPLOADS_PER_HOUR: '100000',
      MAIL_TOKEN_SECRET: TEST_MAIL.tokenSecret,
      MAIL_DOMAIN: TEST_MAIL.domain,
      REPLY_LOCAL_PART: TEST_MAIL.replyLocalPart,
      // Nothing listens on the discard port: a spec that wants the mails starts an SmtpSink.
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_POLL_INTERVAL_MS: '200',
      MAIL_RETRY_BASE_MS: '300',
      MAIL_RETRY_MAX_MS: '1000',
      MAIL_SEND_TIMEOUT_MS: '5000',
      NOTIFICATIONS_EVENT_RETRY_MS: '200',
      NOTIFICATIONS_EVENT_ATTEMPTS: '5',
      ATTACHMENTS_HTTP_PORT: String(this.attachmentsHttpPort),
      ATTACHMENTS_HTTP_HOST: '127.0.0.1',
      ATTACHMENTS_URL: `http://127.0.0.1:${this.attachmentsHttpPort}`,
      SMTP_INGRESS_HOST: '127.0.0.1',
      SMTP_INGRESS_PORT: String(this.smtpPort),
      MAIL_INGRESS_HTTP_HOST: '127.0.0.1',
      MAIL_INGRESS_HTTP_PORT: String(this.mailIngressHttpPort),
      MAIL_INGRESS_URL: `http://127.0.0.1:${this.mailIngressHttpPort}`,
      S3_RAW_MAIL_BUCKET: TEST_RAW_MAIL_BUCKET,
      ...(this.s3 ? this.s3.env(TEST_S3_BUCKET) : {}),
      ...(this.dns ? { SENDER_AUTH_DNS_SERVERS: this.dns.server, SENDER_AUTH_DNS_TIMEOUT: '2s' } : {}),
      ...this.options.env,
      ...this.options.serviceEnv?.[service],
    };
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
