import { expectEventually, freePort } from '@helpdesk/testing';

import { recordFault, sleep } from './support/fault-report';
import { FullSystem, startFullSystem, verifyMails } from './support/full-system';
import { LOAD_CLIENTS, SteadyLoad, verifyLoad } from './support/load';

/**
 * The services whose second replica needs no port of its own. The second gateway and mail-ingress
 * run too (ports of their own) but take no load: the clients talk to the first gateway only.
 */
const QUEUE_SERVICES = ['access', 'tickets', 'attachments', 'notifications', 'scheduler'] as const;

describe('two replicas of every service under load', () => {
  let full: FullSystem;

  beforeAll(async () => {
    full = await startFullSystem('faults-scale-out');
    for (const service of QUEUE_SERVICES) {
      full.system.startService(service, `${service}-2`);
    }
    full.system.startService('gateway', 'gateway-2', { HTTP_PORT: String(await freePort()) });
    full.system.startService('mail-ingress', 'mail-ingress-2', {
      SMTP_INGRESS_PORT: String(await freePort()),
      MAIL_INGRESS_HTTP_PORT: String(await freePort()),
    });
    await full.system.waitUntilReady(60_000);
  });

  afterAll(() => full?.stop());

  it('loses one replica of each mid-load without losing or doubling work', async () => {
    const { system, world, sink } = full;
    const load = new SteadyLoad(world, 'scale-out');
    load.start();
    await sleep(2_000);
    for (const service of QUEUE_SERVICES) {
      await system.stopService(service, 'SIGKILL');
    }
    await system.stopService('mail-ingress-2', 'SIGKILL');
    await sleep(5_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load.outcomes);
    recordFault('one of two replicas of each service killed', verdict, 5_000);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0 });
    // A request a killed replica had taken times out; every other one is served by the survivor.
    expect(Object.keys(verdict.errorsByCode).filter((code) => code !== '504 SERVICE_TIMEOUT')).toEqual([]);
    expect(load.outcomes.slice(-LOAD_CLIENTS).map((outcome) => outcome.error)).toEqual(
      Array.from({ length: LOAD_CLIENTS }, () => undefined),
    );
    await expectEventually(
      async () =>
        expect(await verifyMails(system.isolation.databaseUrl, sink)).toEqual({ pending: 0, duplicated: 0, lost: 0 }),
      30_000,
    );
  });
});
