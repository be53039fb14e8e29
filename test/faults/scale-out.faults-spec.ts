import { freePort, TcpProxy } from '@helpdesk/testing';

import { recordFault, sleep } from './support/fault-report';
import { expectMailsSentOnce, FullSystem, startFullSystem } from './support/full-system';
import { LOAD_CLIENTS, unexpectedErrors, verifyLoad } from './support/load';

/** The services whose second replica needs no port of its own. */
const QUEUE_SERVICES = ['access', 'tickets', 'attachments', 'notifications', 'scheduler'] as const;

describe('two replicas of every service under load', () => {
  let full: FullSystem;
  let balancer: TcpProxy;
  let secondSmtpPort: number;

  beforeAll(async () => {
    full = await startFullSystem('faults-scale-out');
    for (const service of QUEUE_SERVICES) {
      full.system.startService(service, `${service}-2`);
    }
    const secondGatewayPort = await freePort();
    secondSmtpPort = await freePort();
    full.system.startService('gateway', 'gateway-2', { HTTP_PORT: String(secondGatewayPort) });
    full.system.startService('mail-ingress', 'mail-ingress-2', {
      SMTP_INGRESS_PORT: String(secondSmtpPort),
      MAIL_INGRESS_HTTP_PORT: String(await freePort()),
    });
    // Clients reach the gateways through a round-robin balancer, as behind a load balancer.
    balancer = await TcpProxy.start([Number(new URL(full.system.baseUrl).port), secondGatewayPort]);
    await full.system.waitUntilReady(60_000);
  });

  afterAll(async () => {
    await balancer?.close();
    await full?.stop();
  });

  it('loses one replica of each mid-load without losing or doubling work', async () => {
    const { system, sink } = full;
    const load = full.load('scale-out', {
      baseUrl: balancer.url,
      smtpPorts: [system.smtpPort, secondSmtpPort],
    });
    load.start();
    await sleep(2_000);
    for (const service of QUEUE_SERVICES) {
      await system.stopService(service, 'SIGKILL');
    }
    await system.stopService('gateway-2', 'SIGKILL');
    await system.stopService('mail-ingress-2', 'SIGKILL');
    await sleep(5_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault('one of two replicas of each service killed', verdict, 5_000);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    // A request a killed replica had taken times out (or its connection drops with the killed
    // gateway); every other one is served by the survivor, mail by the other ingress.
    expect(unexpectedErrors(verdict, ['504 SERVICE_TIMEOUT', 'connection failed'])).toEqual([]);
    const lastRequests = load.outcomes.filter((outcome) => outcome.kind !== 'mail').slice(-LOAD_CLIENTS);
    expect(lastRequests.map((outcome) => outcome.error)).toEqual(Array.from({ length: LOAD_CLIENTS }, () => undefined));
    await expectMailsSentOnce(system.isolation.databaseUrl, sink, { killedSenders: 1 });
  });
});
