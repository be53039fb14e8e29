import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { Client } from 'pg';

const exec = promisify(execFile);

export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const BENCH_RABBITMQ_URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A fresh database and RabbitMQ vhost for one benchmark run, dropped afterwards. */
export interface BenchInfra {
  name: string;
  databaseUrl: string;
  rabbitmqUrl: string;
  dispose(): Promise<void>;
}

export async function createBenchInfra(): Promise<BenchInfra> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `helpdesk_bench_${stamp}_${randomBytes(2).toString('hex')}`;
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"`));
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  const broker = new URL(BENCH_RABBITMQ_URL);
  broker.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    databaseUrl: `${BENCH_POSTGRES_URL}/${name}`,
    rabbitmqUrl: broker.toString(),
    dispose: async () => {
      await rabbitmqctl('delete_vhost', name).catch(() => undefined);
      await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryMiB: number;
  freeMemoryMiB: number;
  node: string;
  postgres: string;
  rabbitmq: string;
  loadAverage: number[];
}

export async function machineInfo(): Promise<MachineInfo> {
  const postgres = await withMaintenanceClient(
    async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string,
  );
  const rabbitmq = await exec('rabbitmqctl', ['-q', 'version'], { timeout: 30_000 }).then(
    ({ stdout }) => stdout.trim(),
    () => 'unknown',
  );
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMiB: Math.round(freemem() / 2 ** 20),
    node: process.version,
    postgres,
    rabbitmq,
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

export async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${BENCH_POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await exec('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });
  return stdout;
}
