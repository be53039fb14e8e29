import { createWorld, SmtpSink, TestSystem, World } from '@helpdesk/testing';

import { OUTAGE_MS, recordFault, sleep } from './support/fault-report';
import { LOAD_CLIENTS, SteadyLoad, verifyLoad } from './support/load';

const ALL_SERVICES = [
  'access',
  'tickets',
  'gateway',
  'attachments',
  'notifications',
  'mail-ingress',
  'scheduler',
] as const;

/** The default: a 200 ms link delay makes each hop of a request ~0.8 s slower. */
const RPC_TIMEOUT_MS = 5_000;

describe('the broker link fails under load', () => {
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    system = await TestSystem.start('faults-broker', {
      proxies: true,
      services: [...ALL_SERVICES],
      env: { SMTP_URL: sink.url, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) },
    });
    world = await createWorld(system.api(), await system.admin());
  });

  afterAll(async () => {
    await system?.stop();
    await sink?.stop();
  });

  const expectEveryServiceRunning = () =>
    expect(ALL_SERVICES.filter((service) => !system.service(service)?.running)).toEqual([]);

  it('answers 503 quickly while the broker is cut, reconnects by itself, and stores every 2xx exactly once', async () => {
    const load = new SteadyLoad(world, 'broker-cut', { clients: LOAD_CLIENTS, pauseMs: 100 });
    load.start();
    await sleep(2_000);
    system.brokerLink!.cut();
    await sleep(OUTAGE_MS);
    system.brokerLink!.restore();
    await system.waitUntilReady(60_000);
    await sleep(3_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load.outcomes);
    recordFault('broker link cut', verdict, OUTAGE_MS);
    expectEveryServiceRunning();
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0 });
    expect(Object.keys(verdict.errorsByCode).filter((code) => code !== '503 SERVICE_UNAVAILABLE')).toEqual([]);
    // Only a request in flight when the link broke waits for its timeout, and may have been done.
    expect(verdict.maxErrorLatencyMs).toBeLessThan(RPC_TIMEOUT_MS + 1_000);
    expect(verdict.storedDespiteError).toBeLessThanOrEqual(LOAD_CLIENTS);
  });

  it('serves a broker link with 200 ms of delay without duplicates or timeouts', async () => {
    const load = new SteadyLoad(world, 'broker-delay');
    system.brokerLink!.delayMs = 200;
    load.start();
    await sleep(OUTAGE_MS / 2);
    await load.stop();
    system.brokerLink!.delayMs = 0;

    const verdict = await verifyLoad(system.isolation.databaseUrl, load.outcomes);
    recordFault('broker link +200 ms', verdict, OUTAGE_MS / 2);
    expectEveryServiceRunning();
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0 });
    expect(verdict.errorsByCode).toEqual({});
  });
});
