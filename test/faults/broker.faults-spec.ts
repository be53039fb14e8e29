import { expectEventually } from '@helpdesk/testing';

import { OUTAGE_MS, recordFault, sleep } from './support/fault-report';
import {
  FullSystem,
  RPC_TIMEOUT_MS,
  servicesNotRunning,
  NO_MAIL_PROBLEMS,
  startFullSystem,
  verifyMails,
} from './support/full-system';
import { LOAD_CLIENTS, unexpectedErrors, verifyLoad } from './support/load';

describe('the broker link fails under load', () => {
  let full: FullSystem;

  beforeAll(async () => {
    full = await startFullSystem('faults-broker');
  });

  afterAll(() => full?.stop());

  it('answers 503 quickly while the broker is cut, reconnects by itself, and stores every 2xx exactly once', async () => {
    const { system, sink } = full;
    const load = full.load('broker-cut');
    load.start();
    await sleep(2_000);
    system.brokerLink!.cut();
    await sleep(OUTAGE_MS);
    system.brokerLink!.restore();
    await system.waitUntilReady(60_000);
    await sleep(3_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault('broker link cut', verdict, OUTAGE_MS);
    expect(servicesNotRunning(system)).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    // The gateway answers 503, SMTP 451 (retried by the sender): nothing else.
    expect(unexpectedErrors(verdict, ['503 SERVICE_UNAVAILABLE'])).toEqual([]);
    // Only a request in flight when the link broke waits for its timeout, and may have been done.
    expect(verdict.maxErrorLatencyMs).toBeLessThan(RPC_TIMEOUT_MS + 1_000);
    expect(verdict.storedDespiteError).toBeLessThanOrEqual(LOAD_CLIENTS);
    // The outbox kept the events of the outage: their mails go out, each once.
    await expectEventually(
      async () => expect(await verifyMails(system.isolation.databaseUrl, sink)).toEqual(NO_MAIL_PROBLEMS),
      30_000,
    );
  });

  it('serves a broker link with 200 ms of delay without duplicates or timeouts', async () => {
    const { system } = full;
    const load = full.load('broker-delay');
    system.brokerLink!.delayMs = 200;
    load.start();
    await sleep(OUTAGE_MS / 2);
    await load.stop();
    system.brokerLink!.delayMs = 0;

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault('broker link +200 ms', verdict, OUTAGE_MS / 2);
    expect(servicesNotRunning(system)).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    expect(verdict.errorsByCode).toEqual({});
  });
});
