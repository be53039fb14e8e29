import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';

const exec = promisify(execFile);

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A database and a RabbitMQ vhost of one spec file's own, so spec files never see each other. */
export interface Isolation {
  name: string;
  databaseUrl: string;
  rabbitmqUrl: string;
  dispose(): Promise<void>;
}

export async function createIsolation(prefix: string): Promise<Isolation> {
  const name = `helpdesk_test_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) {
    throw new Error('Refusing to use a database whose name does not say "test"');
  }
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"`));
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  const broker = new URL(TEST_RABBITMQ_URL);
  broker.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    databaseUrl: `${TEST_POSTGRES_URL}/${name}`,
    rabbitmqUrl: broker.toString(),
    dispose: async () => {
      await rabbitmqctl('delete_vhost', name).catch(() => undefined);
      await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function rabbitmqctl(...args: string[]): Promise<void> {
  await exec('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });
}
