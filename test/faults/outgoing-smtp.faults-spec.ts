import { Client } from 'pg';

import { expectEventually } from '@helpdesk/testing';

import { OUTAGE_MS, recordFault, sleep } from './support/fault-report';
import { FullSystem, servicesNotRunning, NO_MAIL_PROBLEMS, startFullSystem, verifyMails } from './support/full-system';
import { unexpectedErrors, verifyLoad } from './support/load';

describe('the outgoing SMTP relay fails under load', () => {
  let full: FullSystem;

  beforeAll(async () => {
    full = await startFullSystem('faults-outgoing-smtp');
  });

  afterAll(() => full?.stop());

  it('keeps notifications through 451s and a relay that is gone, then sends each exactly once', async () => {
    const { system, sink } = full;
    const load = full.load('smtp-relay');
    load.start();
    await sleep(2_000);
    // First the relay defers every recipient, then it is gone altogether, then it is back.
    sink.refusingWith = 451;
    await sleep(OUTAGE_MS / 2);
    await sink.stop();
    await sleep(OUTAGE_MS / 2);
    const pendingDuringOutage = (await verifyMails(system.isolation.databaseUrl, sink)).pending;
    await sink.start();
    sink.refusingWith = undefined;
    await sleep(3_000);
    await load.stop();

    const verdict = await verifyLoad(system.isolation.databaseUrl, load);
    recordFault('outgoing SMTP 451, then down', verdict, OUTAGE_MS);
    expect(servicesNotRunning(system)).toEqual([]);
    // Clients never wait for the relay: every request and reply succeeds throughout.
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, mailsRefused: 0 });
    expect(unexpectedErrors(verdict)).toEqual([]);
    expect(sink.refused).toBeGreaterThan(0);
    expect(pendingDuringOutage).toBeGreaterThan(0);
    await expectEventually(
      async () => expect(await verifyMails(system.isolation.databaseUrl, sink)).toEqual(NO_MAIL_PROBLEMS),
      60_000,
      500,
    );
    // Deferred mails were retried, not dropped: some needed more than one attempt.
    expect(await maxAttempts(system.isolation.databaseUrl)).toBeGreaterThan(1);
  });
});

async function maxAttempts(databaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ max: number }>(
      'SELECT max("attempts") AS "max" FROM "notifications"."outgoing_mails"',
    );
    return Number(rows[0].max);
  } finally {
    await db.end();
  }
}
