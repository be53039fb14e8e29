// Checks that PostgreSQL and RabbitMQ answer, with one clear line when they do not.
import net from 'node:net';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/helpdesk';
export const DEFAULT_RABBITMQ_URL = 'amqp://guest:guest@127.0.0.1:5672';

function reachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function hostAndPort(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}

/** Exits with a one-line explanation when a server the system needs is not there. */
export async function requireInfrastructure(env = process.env) {
  const checks = [
    ['PostgreSQL', env.DATABASE_URL ?? DEFAULT_DATABASE_URL, 5432, 'docker compose up -d postgres'],
    ['RabbitMQ', env.RABBITMQ_URL ?? DEFAULT_RABBITMQ_URL, 5672, 'docker compose up -d rabbitmq'],
  ];
  const missing = [];
  for (const [name, url, defaultPort, hint] of checks) {
    const { host, port } = hostAndPort(url, defaultPort);
    if (!(await reachable(host, port))) {
      missing.push(
        `${name} is not reachable at ${host}:${port} — start it (e.g. \`${hint}\`) or point the URL variable at yours.`,
      );
    }
  }
  if (missing.length > 0) {
    for (const line of missing) {
      console.error(`helpdesk: ${line}`);
    }
    process.exit(1);
  }
}
