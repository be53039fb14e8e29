import { Client } from 'pg';

import { TEST_POSTGRES_URL } from '@helpdesk/testing';

import { OUTAGE_MS, recordFault, sleep } from './support/fault-report';
import { FullSystem, servicesNotRunning, startFullSystem } from './support/full-system';
import { LOAD_CLIENTS, SteadyLoad, unexpectedErrors, verifyLoad } from './support/load';

describe('the database fails under load', () => {
  let full: FullSystem;

  beforeAll(async () => {
    full = await startFullSystem('faults-database');
  });

  afterAll(() => full?.stop());

  const expectRecovered = async (fault: string, load: SteadyLoad, outageMs: number) => {
    await full.system.waitUntilReady(60_000);
    await sleep(3_000);
    await load.stop();
    const verdict = await verifyLoad(full.system.isolation.databaseUrl, load);
    recordFault(fault, verdict, outageMs);
    expect(servicesNotRunning(full.system)).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    expect(unexpectedErrors(verdict, ['503 SERVICE_UNAVAILABLE'])).toEqual([]);
    expect(verdict.storedDespiteError).toBeLessThanOrEqual(LOAD_CLIENTS);
    // The last requests, after recovery, all succeeded.
    const lastRequests = load.outcomes.filter((outcome) => outcome.kind !== 'mail').slice(-LOAD_CLIENTS);
    expect(lastRequests.map((outcome) => outcome.error)).toEqual(Array.from({ length: LOAD_CLIENTS }, () => undefined));
  };

  it('recovers its pools after the database link was cut', async () => {
    const load = full.load('database-cut');
    load.start();
    await sleep(2_000);
    full.system.databaseLink!.cut();
    await sleep(OUTAGE_MS);
    full.system.databaseLink!.restore();
    await expectRecovered('database link cut', load, OUTAGE_MS);
  });

  it("recovers its pools after pg_terminate_backend killed every connection to the system's database", async () => {
    const load = full.load('database-terminate');
    load.start();
    await sleep(2_000);
    await terminateBackends(full.system.isolation.name);
    await expectRecovered('pg_terminate_backend', load, 0);
  });
});

async function terminateBackends(database: string): Promise<void> {
  const client = new Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    await client.query(
      `SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "datname" = $1 AND "pid" <> pg_backend_pid()`,
      [database],
    );
  } finally {
    await client.end();
  }
}
