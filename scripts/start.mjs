// `npm start`: the whole helpdesk on this machine. Installs what is missing, builds, starts
// every service against PostgreSQL and RabbitMQ on localhost (embedded defaults for the rest),
// seeds a demo, prints where to go and with which credentials. A service that exits is started
// again (backing off while it keeps failing), as an orchestrator would. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { startEmbeddedS3 } from './lib/embedded-s3.mjs';
import { DEFAULT_DATABASE_URL, DEFAULT_RABBITMQ_URL, requireInfrastructure } from './lib/infrastructure.mjs';
import { ensureInstalled, node24, projectEnv, root, run } from './lib/node-runtime.mjs';

/** Start order: the gateway last, so its first health check finds the others. */
const SERVICES = [
  'access',
  'tickets',
  'attachments',
  'notifications',
  'mail-ingress',
  'scheduler',
  'webhooks',
  'gateway',
];
/** Where each service without HTTP of its own answers /health and /health/live. */
const HEALTH_PORT_BASE = 3101;
/** envalid's exit code for a bad environment: restarting cannot fix it. */
const EXIT_CONFIG_ERROR = 78;
const RESTART_DELAY_MS = { first: 1_000, max: 30_000 };
/** A service that ran this long before exiting starts again after the first delay. */
const STABLE_RUN_MS = 60_000;

const defaults = {
  NODE_ENV: 'development',
  DATABASE_URL: DEFAULT_DATABASE_URL,
  RABBITMQ_URL: DEFAULT_RABBITMQ_URL,
  HTTP_PORT: '3000',
  SEED_ADMIN_EMAIL: 'admin@example.com',
  SEED_ADMIN_PASSWORD: 'admin-password',
  SEED_DEMO: 'true',
  ENABLE_CLIENT_REGISTRATION: 'true',
  // The attachments service's port for file bytes is internal: loopback only on a workstation.
  ATTACHMENTS_HTTP_HOST: '127.0.0.1',
  // Likewise mail-ingress's port for raw messages; its SMTP listener defaults to 127.0.0.1:2525.
  MAIL_INGRESS_HTTP_HOST: '127.0.0.1',
};

/** Without SMTP_URL, notifications mail a local catcher whose web page shows every mail. */
const MAIL_CATCHER = { smtpPort: 1025, webPort: 1080 };

ensureInstalled();
const env = { ...defaults, ...process.env };
await requireInfrastructure(env);
run(node24, ['scripts/build.mjs']);
run(node24, ['scripts/build-web.mjs']);

const children = new Map();
const restartDelays = new Map();
let stopping = false;
const mailCatcher = env.SMTP_URL ? null : await startMailCatcher();
const embeddedS3 = env.S3_ENDPOINT ? null : await startEmbeddedS3(env);

for (const service of SERVICES) {
  const entry = join(root, 'dist', 'services', service, 'src', 'main.js');
  if (existsSync(entry)) {
    children.set(service, startService(service, entry));
  }
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
await waitForGateway(`http://127.0.0.1:${env.HTTP_PORT}/health`);
printWelcome();

function startService(service, entry) {
  const startedAt = Date.now();
  const healthPort = String(HEALTH_PORT_BASE + SERVICES.indexOf(service));
  const child = spawn(node24, [entry], {
    env: projectEnv({ ...env, HEALTH_PORT: healthPort }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(formatLogLine(service, line)));
  }
  child.on('exit', (code, signal) => {
    children.delete(service);
    if (stopping) {
      return;
    }
    const why = signal ?? `exit code ${code}`;
    if (code === EXIT_CONFIG_ERROR) {
      console.error(`helpdesk: ${service} refused its configuration (${why}); stopping the rest.`);
      stopAll();
      return;
    }
    const delayMs = nextRestartDelay(service, Date.now() - startedAt);
    console.error(`helpdesk: ${service} stopped (${why}); starting it again in ${delayMs / 1000} s.`);
    setTimeout(() => stopping || children.set(service, startService(service, entry)), delayMs);
  });
  return child;
}

function nextRestartDelay(service, ranForMs) {
  const last = ranForMs >= STABLE_RUN_MS ? 0 : (restartDelays.get(service) ?? 0);
  const delayMs = last === 0 ? RESTART_DELAY_MS.first : Math.min(last * 2, RESTART_DELAY_MS.max);
  restartDelays.set(service, delayMs);
  return delayMs;
}

/** MailDev on localhost, unless something (e.g. docker-compose's mailcatcher) already listens there. */
async function startMailCatcher() {
  env.SMTP_URL = `smtp://127.0.0.1:${MAIL_CATCHER.smtpPort}`;
  const web = `http://localhost:${MAIL_CATCHER.webPort}`;
  if (await portOpen(MAIL_CATCHER.smtpPort)) {
    return { web, note: 'already running' };
  }
  const entry = join(root, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const ports = ['--smtp', String(MAIL_CATCHER.smtpPort), '--web', String(MAIL_CATCHER.webPort)];
  const args = [entry, ...ports, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'];
  const child = spawn(node24, args, { env: projectEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(formatLogLine('mailcatcher', line)));
  }
  child.on('exit', (code, signal) => {
    children.delete('mailcatcher');
    if (!stopping) {
      console.error(`helpdesk: the mail catcher stopped (${signal ?? `exit code ${code}`}).`);
    }
  });
  children.set('mailcatcher', child);
  return { web, note: 'MailDev' };
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function formatLogLine(service, line) {
  try {
    const entry = JSON.parse(line);
    const time = new Date(entry.timestamp ?? Date.now()).toISOString().slice(11, 19);
    const level = entry.level === 'log' ? '' : ` ${String(entry.level).toUpperCase()}`;
    const message = typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message);
    return `${time} ${service.padEnd(13)}${level} ${message}${entry.stack ? `\n${entry.stack}` : ''}`;
  } catch {
    return `${service.padEnd(13)} ${line}`;
  }
}

async function waitForGateway(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(3000) })).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!stopping) {
    console.error('helpdesk: the services did not become ready within 2 minutes; see the log above.');
    stopAll();
  }
}

function printWelcome() {
  const base = `http://localhost:${env.HTTP_PORT}`;
  console.log(`
helpdesk is running.
  Web app:    ${base}/ (staff console: ${base}/admin/tickets, client area: ${base}/client/tickets)
  API:        ${base}/api
  API docs:   ${base}/api/docs
  Health:     ${base}/health (each service also on 127.0.0.1:${HEALTH_PORT_BASE}–${HEALTH_PORT_BASE + SERVICES.length - 2}/health)
  Metrics:    ${SERVICES.map((service, i) => `${service} http://127.0.0.1:${HEALTH_PORT_BASE + i}/metrics`).join('\n              ')}
  Admin:      ${env.SEED_ADMIN_EMAIL} / ${env.SEED_ADMIN_PASSWORD}
  Demo staff: sales@example.com, billing@example.com, technical-support@example.com / demo-password
  Demo client: client@example.com / demo-password
  Mail:       ${mailCatcher ? `${mailCatcher.web} (${mailCatcher.note}): every notification lands there` : `sent to ${env.SMTP_URL}`}
  Files:      S3 at ${env.S3_ENDPOINT}${embeddedS3 ? ` (${embeddedS3.note})` : ''}, bucket ${env.S3_BUCKET ?? 'helpdesk-attachments'}
  Inbound:    SMTP at ${env.SMTP_INGRESS_HOST ?? '127.0.0.1'}:${env.SMTP_INGRESS_PORT ?? '2525'} receives replies to notifications (send them to their Reply-To address there)
Press Ctrl-C to stop.
`);
}

function stopAll() {
  if (stopping) {
    return;
  }
  stopping = true;
  console.log('helpdesk: stopping…');
  for (const child of children.values()) {
    child.kill('SIGTERM');
  }
  const forceTimer = setTimeout(() => {
    for (const child of children.values()) {
      child.kill('SIGKILL');
    }
  }, 10_000);
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      clearTimeout(forceTimer);
      process.exit(0);
    }
  }, 100);
}
