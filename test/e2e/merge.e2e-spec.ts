import {
  ErrorCode,
  HistoryAction,
  HistoryEntryView,
  InboundMailState,
  InboundMailView,
  Page,
  ParticipantsView,
  PrincipalKind,
  TicketSummary,
  TicketView,
} from '@helpdesk/contracts';
import { ReplyTokens } from '@helpdesk/mail';
import { Client } from 'pg';
import {
  bodyOf,
  createWorld,
  dkimSigned,
  expectEventually,
  rawMail,
  SmtpSink,
  smtpTransaction,
  STAFF_PASSWORD,
  TEST_MAIL,
  testDkimKey,
  TestSystem,
  uniqueName,
  waitForSmtp,
  WebBrowser,
  World,
} from '@helpdesk/testing';

const DOMAIN = TEST_MAIL.domain;
const RACING_PAIRS = 50;

/**
 * Merging tickets (issue 20): the sources' conversations move to the target, each source is closed
 * and read-only, pointing at it; mail to a source's reply tokens and subject tag lands on the
 * target once; opposite merges racing never make a cycle; and staff merge from the ticket page.
 */
describe('merging tickets', () => {
  const key = testDkimKey();
  const tokens = new ReplyTokens(TEST_MAIL.tokenSecret);
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let web: WebBrowser;
  const email = { owner: '', other: '', alice: '' };

  beforeAll(async () => {
    web = await WebBrowser.start();
    sink = await SmtpSink.start();
    system = await TestSystem.start('merge', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': { MAIL_DIRECTORY_CACHE_TTL: '0', MAIL_PROCESSING_RETRY_MS: '200' },
        gateway: { WEB_DIST_DIR: web.webDir },
        access: { QUOTA_TICKETS_PER_HOUR: '1000' },
      },
    });
    system.dns!.setTxt('s1._domainkey.client.test', [key.record]);
    system.dns!.setTxt('_dmarc.client.test', ['v=DMARC1; p=reject']);
    world = await createWorld(system.api(), await system.admin());
    const addressOf = async (path: string) => (await bodyOf<{ email: string }>(world.admin.get(path))).email;
    email.owner = await addressOf(`/api/clients/${world.ownerId}`);
    email.other = await addressOf(`/api/clients/${world.otherClientId}`);
    email.alice = await addressOf(`/api/staff/${world.staffAId}`);
    await waitForSmtp(system.smtpPort);
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
    await system?.stop();
    await sink?.stop();
  }, 60_000);

  const open = (client: 'owner' | 'otherClient', subject: string, message: string) =>
    bodyOf<TicketView>(
      world[client].post('/api/tickets', { departmentId: world.departmentA.id, subject: uniqueName(subject), message }),
      201,
    );
  const signed = (raw: string) => dkimSigned(raw, key.privateKey, 'client.test');
  const view = (id: number) => bodyOf<TicketView>(world.staffA.get(`/api/tickets/${id}`));
  const merge = (targetId: number, body: unknown) => world.staffA.post(`/api/tickets/${targetId}/merge`, body);
  const codeOf = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body?.code,
  });

  it('moves the sources’ messages to the target in time order, closes each source pointing at it, and makes the other client a CC', async () => {
    const target = await open('owner', 'Printer jam', 'The printer jams.');
    const second = await open('owner', 'Printer still jams', 'Still jamming.');
    const third = await open('otherClient', 'Our printer too', 'Same here.');
    const merged = await bodyOf<TicketView>(
      merge(target.id, { sourceIds: [second.id, third.id], note: 'Same printer' }),
    );
    expect(merged.mergedInto).toBeNull();
    expect(merged.messages.map((m) => [m.body, m.mergedFrom ?? null, m.internal])).toEqual([
      ['The printer jams.', null, false],
      ['Still jamming.', second.id, false],
      ['Same here.', third.id, false],
      [`Merged #${second.id}, #${third.id} into this ticket: Same printer`, null, true],
    ]);
    for (const source of [second, third]) {
      const after = await view(source.id);
      expect(after).toMatchObject({ mergedInto: target.id, status: 'closed' });
      expect(after.messages.map((m) => m.body)).toEqual([
        `This ticket was merged into #${target.id}: the conversation goes on there.`,
      ]);
      const history = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${source.id}/history`));
      expect(history.at(-1)).toMatchObject({
        action: HistoryAction.MergedInto,
        details: { targetId: target.id, status: { from: 'open', to: 'closed' } },
      });
    }
    const targetHistory = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${target.id}/history`));
    expect(targetHistory.at(-1)).toMatchObject({
      action: HistoryAction.Merged,
      details: { sourceIds: [second.id, third.id] },
    });
    const { ccs } = await bodyOf<ParticipantsView>(world.staffA.get(`/api/tickets/${target.id}/participants`));
    expect(ccs.map((cc) => cc.clientId)).toEqual([world.otherClientId]);
    const asOther = await bodyOf<TicketView>(world.otherClient.get(`/api/tickets/${target.id}`));
    expect(asOther.messages.map((m) => m.body)).toContain('Same here.');
    expect(asOther.messages.some((m) => m.internal)).toBe(false);

    // Read-only sources, and a repeat that changes nothing.
    expect(codeOf(await world.owner.post(`/api/tickets/${second.id}/replies`, { message: 'Hello?' }))).toEqual({
      status: 409,
      code: ErrorCode.TicketMerged,
    });
    const changed = await world.staffA.patch(`/api/tickets/${second.id}`, { priority: 'high' });
    expect(changed).toMatchObject({
      status: 409,
      body: { code: ErrorCode.TicketMerged, details: { targetId: target.id } },
    });
    const again = await bodyOf<TicketView>(merge(target.id, { sourceIds: [second.id, third.id] }));
    expect(again.messages).toHaveLength(merged.messages.length);

    // The list leaves merged tickets out unless asked for them.
    const listed = await bodyOf<Page<TicketSummary>>(world.staffA.get('/api/tickets?limit=100'));
    expect(listed.items.map((t) => t.id)).toContain(target.id);
    expect(listed.items.map((t) => t.id)).not.toContain(second.id);
    const mergedOnly = await bodyOf<Page<TicketSummary>>(world.staffA.get('/api/tickets?merged=true&limit=100'));
    expect(mergedOnly.items.map((t) => t.id)).toEqual(expect.arrayContaining([second.id, third.id]));
    expect(mergedOnly.items.every((t) => t.mergedInto !== null)).toBe(true);
  });

  it('refuses bad merges with what to fix, and lets nobody merge what they cannot see', async () => {
    const target = await open('owner', 'Target', 'Target.');
    const source = await open('owner', 'Source', 'Source.');
    expect(codeOf(await merge(target.id, { sourceIds: [target.id] }))).toEqual({
      status: 400,
      code: ErrorCode.ValidationFailed,
    });
    for (const sourceIds of [[], [source.id, source.id], Array.from({ length: 11 }, (_, i) => source.id + i), ['x']]) {
      expect(codeOf(await merge(target.id, { sourceIds }))).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    }
    const otherDepartment = await bodyOf<TicketView>(
      world.admin.post('/api/tickets', {
        departmentId: world.departmentB.id,
        clientId: world.ownerId,
        subject: 'Elsewhere',
        message: 'Elsewhere.',
      }),
      201,
    );
    const outOfScope = await merge(target.id, { sourceIds: [otherDepartment.id] });
    expect(codeOf(outOfScope)).toEqual({ status: 404, code: ErrorCode.TicketNotFound });
    expect(codeOf(await world.owner.post(`/api/tickets/${target.id}/merge`, { sourceIds: [source.id] }))).toEqual({
      status: 403,
      code: ErrorCode.AccessDenied,
    });
    const third = await open('owner', 'Third', 'Third.');
    await bodyOf(merge(target.id, { sourceIds: [source.id] }));
    expect(codeOf(await merge(source.id, { sourceIds: [third.id] }))).toEqual({
      status: 422,
      code: ErrorCode.AlreadyMerged,
    });
    expect(codeOf(await merge(third.id, { sourceIds: [source.id] }))).toEqual({
      status: 422,
      code: ErrorCode.AlreadyMerged,
    });
  });

  it('undoes a merge within 24 hours: each source takes back its messages and status, and takes writes again', async () => {
    const target = await open('owner', 'Mouse broken', 'The mouse is broken.');
    const first = await open('owner', 'Mouse still broken', 'Still broken.');
    const second = await open('otherClient', 'Our mouse too', 'Ours too.');
    await bodyOf(world.staffA.patch(`/api/tickets/${first.id}`, { status: 'on_hold' }));
    await bodyOf(merge(target.id, { sourceIds: [first.id, second.id] }));

    const restored = await bodyOf<TicketView>(world.staffA.post(`/api/tickets/${first.id}/unmerge`, {}));
    expect(restored).toMatchObject({ mergedInto: null, status: 'on_hold' });
    expect(restored.messages.map((m) => [m.body, m.mergedFrom ?? null])).toEqual([
      ['Still broken.', null],
      [`This ticket was merged into #${target.id}: the conversation goes on there.`, null],
    ]);
    expect((await view(target.id)).messages.map((m) => m.body)).toEqual(['The mouse is broken.', 'Ours too.']);
    expect((await world.owner.post(`/api/tickets/${first.id}/replies`, { message: 'Hello again' })).status).toBe(201);

    // From the target: every ticket still merged into it.
    const back = await bodyOf<TicketView>(world.staffA.post(`/api/tickets/${target.id}/unmerge`, {}));
    expect(back.messages.map((m) => m.body)).toEqual(['The mouse is broken.']);
    expect(await view(second.id)).toMatchObject({ mergedInto: null, status: 'open' });
    const history = await bodyOf<HistoryEntryView[]>(world.staffA.get(`/api/tickets/${target.id}/history`));
    expect(history.filter((entry) => entry.action === HistoryAction.Unmerged).map((entry) => entry.details)).toEqual([
      { sourceIds: [first.id] },
      { sourceIds: [second.id] },
    ]);
    expect(codeOf(await world.staffA.post(`/api/tickets/${target.id}/unmerge`, {}))).toEqual({
      status: 422,
      code: ErrorCode.NotMerged,
    });

    // A day later it stays merged.
    await bodyOf(merge(target.id, { sourceIds: [second.id] }));
    const db = new Client({ connectionString: system.isolation.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE "tickets"."tickets" SET "merged_at" = now() - interval '25 hours' WHERE "id" = $1`, [
        second.id,
      ]);
    } finally {
      await db.end();
    }
    expect(codeOf(await world.staffA.post(`/api/tickets/${second.id}/unmerge`, {}))).toEqual({
      status: 422,
      code: ErrorCode.UnmergeExpired,
    });
    expect(codeOf(await world.owner.post(`/api/tickets/${second.id}/unmerge`, {}))).toEqual({
      status: 403,
      code: ErrorCode.AccessDenied,
    });
  });

  it(`never makes a cycle when opposite merges race (${RACING_PAIRS} pairs)`, async () => {
    const pairs: TicketView[][] = [];
    for (let i = 0; i < RACING_PAIRS; i++) {
      pairs.push([await open('owner', `Race A${i}`, 'A'), await open('owner', `Race B${i}`, 'B')]);
    }
    const race = async ([a, b]: TicketView[]) => {
      const [ab, ba] = await Promise.all([merge(a.id, { sourceIds: [b.id] }), merge(b.id, { sourceIds: [a.id] })]);
      const [afterA, afterB] = await Promise.all([view(a.id), view(b.id)]);
      return { statuses: [ab.status, ba.status].sort(), mergedInto: [afterA.mergedInto, afterB.mergedInto] };
    };
    // Ten pairs at a time: each pair races itself, without a hundred merges queueing on a shared CI machine.
    const outcomes = [];
    for (let wave = 0; wave < pairs.length; wave += 10) {
      outcomes.push(...(await Promise.all(pairs.slice(wave, wave + 10).map(race))));
    }
    for (const { statuses, mergedInto } of outcomes) {
      // The loser is told its tickets changed (409), or that one is merged already if it started late (422).
      const refused = statuses.map((status) => ([409, 422].includes(status) ? 'refused' : status));
      expect({ refused, merged: mergedInto.filter((id) => id !== null).length }).toEqual({
        refused: [200, 'refused'],
        merged: 1,
      });
    }
  });

  it("lands mail to a source's reply tokens and subject tag on the target, once each", async () => {
    const target = await open('owner', 'Wifi drops', 'The wifi drops.');
    const source = await open('otherClient', 'Wifi down', 'No wifi here.');
    const tagged = await open('owner', 'Wifi again', 'Down again.');
    await bodyOf(merge(target.id, { sourceIds: [source.id, tagged.id] }));

    const tokenAddress = `${TEST_MAIL.replyLocalPart}+${tokens.sign({
      ticketId: source.id,
      recipient: { kind: PrincipalKind.Client, id: world.otherClientId },
      purpose: 'reply',
    })}@${DOMAIN}`;
    const byToken = await signed(
      rawMail({ From: email.other, To: tokenAddress, Subject: uniqueName('Re: Wifi down') }, 'Back now.'),
    );
    const tagSubject = `Re: [#${tagged.id}] Wifi again (${uniqueName('tag')})`;
    const byTag = await signed(
      rawMail({ From: email.owner, To: `${TEST_MAIL.replyLocalPart}@${DOMAIN}`, Subject: tagSubject }, 'Fixed it.'),
    );
    for (const [from, to, raw] of [
      [email.other, tokenAddress, byToken],
      [email.owner, `${TEST_MAIL.replyLocalPart}@${DOMAIN}`, byTag],
    ]) {
      for (let delivery = 0; delivery < 2; delivery++) {
        const result = await smtpTransaction(system.smtpPort, { from, to: [to], message: raw, helo: 'mx.sender.test' });
        expect((result.final ?? result.rcptTo[0]).code).toBe(250);
      }
    }
    await expectEventually(
      async () => {
        const bodies = (await view(target.id)).messages.map((m) => m.body);
        expect(bodies.filter((body) => body === 'Back now.')).toHaveLength(1);
        expect(bodies.filter((body) => body === 'Fixed it.')).toHaveLength(1);
      },
      30_000,
      250,
    );
    const log = await bodyOf<Page<InboundMailView>>(world.admin.get('/api/inbound-mails?limit=100'));
    const redirected = log.items.filter(
      (mail) => mail.state === InboundMailState.Added && mail.ticketId === target.id && mail.detail?.includes('merged'),
    );
    expect(redirected.length).toBeGreaterThanOrEqual(2);
    expect((await view(source.id)).messages).toHaveLength(1);
  });

  it('in the web app: staff merge from the ticket page, and the source says where it went', async () => {
    const target = await open('owner', 'Monitor flickers', 'It flickers.');
    const source = await open('owner', 'Screen flickering', 'Flicker flicker.');
    const page = await web.signedIn(system.baseUrl, email.alice, STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/admin/tickets/${target.id}`);
    const panel = page.getByRole('region', { name: 'Merge tickets' });
    await panel.getByLabel('Ticket numbers').fill(`#${source.id}`);
    await panel.getByLabel('Reason (optional, kept on this ticket for staff)').fill('Same monitor');
    await panel.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Flicker flicker.').waitFor();
    await page.getByText(`From #${source.id}`).waitFor();

    await page.goto(`${system.baseUrl}/admin/tickets/${source.id}`);
    const notice = page.getByRole('region', { name: 'Merged ticket' });
    await notice.getByRole('link', { name: `ticket #${target.id}` }).click();
    await page.waitForURL(`**/admin/tickets/${target.id}`);

    await page.goto(`${system.baseUrl}/admin/tickets/${source.id}`);
    await page.getByRole('region', { name: 'Merged ticket' }).getByRole('button', { name: 'Undo the merge' }).click();
    await page.getByText('Flicker flicker.').waitFor();
    await page.getByRole('region', { name: 'Merged ticket' }).waitFor({ state: 'detached' });
    await page.context().close();
  });
});
