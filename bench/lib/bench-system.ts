import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { ApiClient, expectEventually, freePort, TestDnsZone } from '../../libs/testing/src';
import { BenchInfra } from './bench-infra';
import { deploymentMemoryLimit } from './memory-limit';
import { BENCH_DATA } from './paths';
import { ServiceProcess } from './service-process';
import { SidecarReady } from './sidecar';

export const SERVICES = [
  'access',
  'tickets',
  'attachments',
  'notifications',
  'mail-ingress',
  'scheduler',
  'webhooks',
  'gateway',
] as const;
export type BenchService = (typeof SERVICES)[number];

export interface BenchSystemOptions {
  /** Services to run with `--cpu-prof` (profiles in .data/bench/profiles/<service>/ when they stop). */
  profile?: string[];
  /** Run each service under its deploy/k8s memory limit (a cgroup), as in a pod. Default: true. */
  memoryLimits?: boolean;
}

/** Whether the compiled entry point of a service exists (mail-ingress may not be built yet). */
export function serviceBuilt(service: string): boolean {
  return existsSync(ServiceProcess.entry(service));
}

/**
 * Every service as production runs it: the compiled entry point on Node 24, NODE_ENV=production
 * with real (random) secrets, one replica each, against the run's own database and vhost.
 */
export class BenchSystem {
  readonly processes = new Map<BenchService, ServiceProcess>();
  readonly secrets = {
    jwt: randomBytes(32).toString('hex'),
    mailToken: randomBytes(32).toString('hex'),
    attachmentsGrant: randomBytes(32).toString('hex'),
    webhookSecretKey: randomBytes(32).toString('hex'),
    mailboxSecretKey: randomBytes(32).toString('hex'),
    internalSigning: randomBytes(32).toString('hex'),
  };
  readonly admin = { email: 'admin@bench.helpdesk.test', password: randomBytes(12).toString('hex') };
  readonly mail = {
    domain: 'bench.helpdesk.test',
    replyLocalPart: 'reply',
    from: 'Helpdesk <support@bench.helpdesk.test>',
  };
  private readonly ports: Record<string, number> = {};
  /** mail-ingress authenticates senders against it: the run never asks a DNS server beyond loopback. */
  private dns?: TestDnsZone;

  /**
   * Publishes, in the run's DNS zone, what a sending provider publishes for `domain`: its DKIM
   * key, an SPF record that allows the bench client (127.0.0.1) and a DMARC policy of reject.
   */
  publishSender(domain: string, selector: string, dkimRecord: string): void {
    this.dns?.setTxt(`${selector}._domainkey.${domain}`, [dkimRecord]);
    this.dns?.setTxt(domain, ['v=spf1 ip4:127.0.0.1 -all']);
    this.dns?.setTxt(`_dmarc.${domain}`, ['v=DMARC1; p=reject']);
  }

  private constructor(
    private readonly infra: BenchInfra,
    private readonly sidecar: SidecarReady,
    private readonly options: BenchSystemOptions,
  ) {}

  static async start(infra: BenchInfra, sidecar: SidecarReady, options: BenchSystemOptions = {}): Promise<BenchSystem> {
    const system = new BenchSystem(infra, sidecar, options);
    system.dns = await TestDnsZone.start();
    for (const name of [
      'http',
      'attachmentsHttp',
      'smtpIngress',
      'mailIngressHttp',
      ...SERVICES.map((s) => `health:${s}`),
    ]) {
      system.ports[name] = await freePort();
    }
    // Access first: it seeds the administrator; the rest migrate their schemas concurrently.
    for (const service of SERVICES) {
      if (serviceBuilt(service)) {
        system.startService(service);
      }
    }
    await system.waitUntilReady();
    return system;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports.http}`;
  }

  get smtpIngressPort(): number {
    return this.ports.smtpIngress;
  }

  api(): ApiClient {
    return new ApiClient(this.baseUrl);
  }

  has(service: BenchService): boolean {
    return this.processes.has(service);
  }

  pids(): Map<string, number | undefined> {
    return new Map([...this.processes].map(([service, process]) => [service, process.pid]));
  }

  startService(service: BenchService): void {
    let process = this.processes.get(service);
    if (!process) {
      process = new ServiceProcess(
        service,
        `${this.infra.name.replace('helpdesk_', '')}-${service}`,
        this.environment(service),
        this.options.memoryLimits === false ? undefined : deploymentMemoryLimit(service),
      );
      this.processes.set(service, process);
    }
    process.start();
  }

  async stopService(service: BenchService): Promise<void> {
    await this.processes.get(service)?.stop();
  }

  /** Until the gateway's /health (access, tickets, attachments, notifications) and the others' answer. */
  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const urls = [`${this.baseUrl}/health`];
    for (const service of ['scheduler', 'mail-ingress'] as const) {
      if (this.processes.get(service)?.running) {
        urls.push(`http://127.0.0.1:${this.ports[`health:${service}`]}/health`);
      }
    }
    await expectEventually(
      async () => {
        for (const url of urls) {
          const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
          if (response.status !== 200) {
            throw new Error(`${url} is not ready: ${response.status} ${await response.text()}`);
          }
        }
      },
      timeoutMs,
      250,
    );
  }

  /** Until one service's own /health answers 200 (after a restart). */
  async waitForService(service: BenchService, timeoutMs = 60_000): Promise<void> {
    const url = `http://127.0.0.1:${this.ports[`health:${service}`]}/health`;
    await expectEventually(
      async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (response.status !== 200) {
          throw new Error(`${service} is not ready: ${response.status}`);
        }
      },
      timeoutMs,
      100,
    );
  }

  /** Each service's memory limit in MiB (null: none could be set). */
  memoryLimits(): Record<string, number | null> {
    return Object.fromEntries(
      [...this.processes].map(([service, process]) => [
        service,
        process.memoryLimitBytes ? process.memoryLimitBytes / 2 ** 20 : null,
      ]),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop()));
    for (const process of this.processes.values()) {
      process.dispose();
    }
    await this.dns?.stop();
  }

  private environment(service: BenchService): Record<string, string> {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.infra.databaseUrl,
      RABBITMQ_URL: this.infra.rabbitmqUrl,
      HEALTH_PORT: String(this.ports[`health:${service}`]),
      HTTP_PORT: String(this.ports.http),
      HTTP_HOST: '127.0.0.1',
      JWT_SECRET: this.secrets.jwt,
      INTERNAL_SIGNING_KEY: this.secrets.internalSigning,
      SENDER_AUTH_DNS_SERVERS: this.dns?.server ?? '',
      // The benchmark signs in its few dozen accounts from one address within a minute.
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      READINESS_SERVICES: 'access,tickets,attachments,notifications',
      SEED_ADMIN_EMAIL: this.admin.email,
      SEED_ADMIN_PASSWORD: this.admin.password,
      SEED_DEMO: 'false',
      ...this.sidecar.s3Env,
      ATTACHMENTS_HTTP_PORT: String(this.ports.attachmentsHttp),
      ATTACHMENTS_HTTP_HOST: '127.0.0.1',
      ATTACHMENTS_URL: `http://127.0.0.1:${this.ports.attachmentsHttp}`,
      ATTACHMENTS_GRANT_SECRET: this.secrets.attachmentsGrant,
      WEBHOOK_SECRET_KEY: this.secrets.webhookSecretKey,
      MAILBOX_SECRET_KEY: this.secrets.mailboxSecretKey,
      MAIL_INGRESS_URL: `http://127.0.0.1:${this.ports.mailIngressHttp}`,
      SMTP_URL: this.sidecar.smtpUrl,
      MAIL_TOKEN_SECRET: this.secrets.mailToken,
      MAIL_DOMAIN: this.mail.domain,
      REPLY_LOCAL_PART: this.mail.replyLocalPart,
      MAIL_FROM: this.mail.from,
      PUBLIC_URL: 'http://helpdesk.bench.test',
      SMTP_INGRESS_HOST: '127.0.0.1',
      SMTP_INGRESS_PORT: String(this.ports.smtpIngress),
      MAIL_INGRESS_HTTP_PORT: String(this.ports.mailIngressHttp),
      MAIL_INGRESS_HTTP_HOST: '127.0.0.1',
      // The sweep is a scenario of its own: the scheduler must not run it at a moment of its choosing.
      ENABLE_AUTO_CLOSE_SWEEP: 'false',
      // The webhook scenario's receiver listens on loopback, in the bench process.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    };
    if (process.env.BENCH_SERVICE_NODE_OPTIONS) {
      env.NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS;
    }
    if (this.options.profile?.includes(service)) {
      const dir = join(BENCH_DATA, 'profiles', service);
      mkdirSync(dir, { recursive: true });
      env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${dir}`;
    }
    return env;
  }
}
