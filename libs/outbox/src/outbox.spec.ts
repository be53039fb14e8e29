import { AccessEvents, MailIngressEvents } from '@helpdesk/contracts';
import type { EntityManager } from 'typeorm';

import { addToOutbox } from './outbox';

describe(addToOutbox.name, () => {
  const query = jest.fn<Promise<unknown>, [string, unknown[]]>();
  const manager = { query } as unknown as EntityManager;

  beforeEach(() => query.mockReset().mockResolvedValue([]));

  it('writes every event in one statement: a fresh id, its name and its payload as JSON', async () => {
    await addToOutbox(manager, 'access', [
      { name: AccessEvents.ClientUpdated, payload: { id: 7, name: 'Casey', email: 'casey@example.com' } },
      { name: MailIngressEvents.Received, payload: { inboundMailId: 3 } },
    ]);

    expect(query).toHaveBeenCalledTimes(1);
    const [sql, parameters] = query.mock.calls[0];
    expect(sql).toContain('INSERT INTO "access"."outbox"');
    expect(parameters).toEqual([
      [expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)],
      [AccessEvents.ClientUpdated, MailIngressEvents.Received],
      ['{"id":7,"name":"Casey","email":"casey@example.com"}', '{"inboundMailId":3}'],
      null,
    ]);
  });

  it('writes nothing for no events', async () => {
    await addToOutbox(manager, 'access', []);

    expect(query).not.toHaveBeenCalled();
  });

  it('takes for each name only the payload the contract gives it (checked by the typecheck)', async () => {
    // @ts-expect-error a client.updated payload under the name mail.received
    await addToOutbox(manager, 'access', [{ name: MailIngressEvents.Received, payload: { id: 7, name: 'Casey' } }]);

    expect(query).toHaveBeenCalledTimes(1);
  });
});
