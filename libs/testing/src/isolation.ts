import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';

const exec = promisify(execFile);

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** PostgreSQL cuts longer identifiers silently, so a longer name would create one database and drop another. */
const MAX_IDENTIFIER_LENGTH = 63;
const TEST_DATABASE_NAME = /^helpdesk_test_[a-z0-9_]+$/;

/** A database of one spec file's own on the test server. */
export interface TestDatabase {
  name: string;
  url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

/** A database and a RabbitMQ vhost of one spec file's own, so spec files never see each other. */
export interface Isolation {
  name: string;
  databaseUrl: string;
  rabbitmqUrl: string;
  dispose(): Promise<void>;
}

/** `helpdesk_test_<prefix>_<random>`, the prefix folded to what an unquoted identifier may hold. */
export function testDatabaseName(prefix: string): string {
  const folded = prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase();
  return `helpdesk_test_${folded}_${randomBytes(4).toString('hex')}`;
}

/** Specs create and drop databases: refuse any name that is not plainly a test database's. */
export function requireTestDatabaseName(name: string): void {
  if (!TEST_DATABASE_NAME.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new Error(
      `Refusing to create or drop database "${name}": a test database is named helpdesk_test_[a-z0-9_]+, at most ${MAX_IDENTIFIER_LENGTH} characters`,
    );
  }
}

export function testDatabaseUrl(name: string): string {
  requireTestDatabaseName(name);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function testDatabase(prefix: string): TestDatabase {
  const name = testDatabaseName(prefix);
  return {
    name,
    url: testDatabaseUrl(name),
    create: async () => {
      await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"`));
    },
    drop: async () => {
      await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function createIsolation(prefix: string): Promise<Isolation> {
  const database = testDatabase(prefix);
  const name = database.name;
  await database.create();
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  const broker = new URL(TEST_RABBITMQ_URL);
  broker.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    databaseUrl: database.url,
    rabbitmqUrl: broker.toString(),
    dispose: async () => {
      await rabbitmqctl('delete_vhost', name).catch(() => undefined);
      await database.drop();
    },
  };
}

async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
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
