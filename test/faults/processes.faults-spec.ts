import { recordFault, sleep } from './support/fault-report';
import {
  ALL_SERVICES,
  expectMailsSentOnce,
  FullSystem,
  servicesNotRunning,
  startFullSystem,
} from './support/full-system';
import { unexpectedErrors, verifyLoad } from './support/load';

const DOWN_MS = 5_000;

describe('services killed under load', () => {
  let full: FullSystem;
  /** The sink keeps every mail of the suite: a resend after the notifications kill stays in it. */
  let sendersKilled = 0;

  beforeAll(async () => {
    full = await startFullSystem('faults-processes');
  });

  afterAll(() => full?.stop());

  it.each(ALL_SERVICES)('kill -9 of %s, restarted after 5 s: nothing lost, nothing twice', async (service) => {
    const { system, sink } = full;
    const load = full.load(`kill-${service}`);
    load.start();
    await sleep(1_500);
    await system.stopService(service, 'SIGKILL');
    sendersKilled += service === 'notifications' ? 1 : 0;
    await sleep(DOWN_MS);
    system.startService(service);
    await system.waitUntilReady(60_000);
    await sleep(2_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault(`kill -9 ${service}`, verdict, DOWN_MS);
    expect(servicesNotRunning(system)).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    // A killed gateway refuses connections, a killed service times its requests out, a killed
    // ingress defers mail: all of which its sender retries.
    expect(unexpectedErrors(verdict, ['connection failed', '503 SERVICE_UNAVAILABLE', '504 SERVICE_TIMEOUT'])).toEqual(
      [],
    );
    await expectMailsSentOnce(system.isolation.databaseUrl, sink, { killedSenders: sendersKilled });
  });
});
