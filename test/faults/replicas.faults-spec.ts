import { createWorld, expectEventually, TestSystem, World } from '@helpdesk/testing';

describe('faults and replicas', () => {
  let system: TestSystem;
  let world: World;

  beforeAll(async () => {
    system = await TestSystem.start('faults');
    world = await createWorld(system.api(), await system.admin());
  }, 120_000);

  afterAll(() => system?.stop());

  const openTicket = (subject: string) =>
    world.owner.post('/api/tickets', { departmentId: world.departmentA.id, subject, message: 'Please help' });

  it('answers 504 within a few seconds while the tickets service is down, and recovers when it is back', async () => {
    await system.stopService('tickets', 'SIGKILL');
    const started = Date.now();
    const response = await openTicket('while down');
    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({ statusCode: 504, code: 'SERVICE_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(10_000);

    system.startService('tickets');
    await system.waitUntilReady();
    const after = await openTicket('after restart');
    expect(after.status).toBe(201);

    // The request that timed out expired in the broker: it was not carried out late.
    const list = await world.staffA.get<{ items: { subject: string }[] }>('/api/tickets?limit=100');
    expect(list.body.items.map((ticket) => ticket.subject)).not.toContain('while down');
  }, 60_000);

  it('two replicas of the tickets service both serve, and never hand out the same id', async () => {
    system.startService('tickets', 'tickets-2');
    await system.stopService('tickets');
    await expectEventually(
      async () => expect((await openTicket('served by the second replica')).status).toBe(201),
      30_000,
    );
    system.startService('tickets');
    await system.waitUntilReady();
    const responses = [];
    // Waves of ten: both replicas stay busy, and a loaded CI machine does not time the burst out.
    for (let wave = 0; wave < 6; wave++) {
      responses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => openTicket(`parallel ${wave}-${i}`)))));
    }
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const ids = responses.map((response) => (response.body as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
    await system.stopService('tickets-2');
  }, 60_000);
});
