import {
  DepartmentView,
  InboundMailState,
  InboundMailView,
  MailboxState,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  Page as ResultPage,
  TicketView,
} from '@helpdesk/contracts';
import {
  bodyOf,
  createWorld,
  dkimSigned,
  expectEventually,
  ImapServer,
  rawMail,
  SmtpSink,
  testDkimKey,
  TestSystem,
  uniqueName,
  World,
} from '@helpdesk/testing';

const PASSWORD = 'imap-secret-password';

/**
 * Mailboxes fetched over IMAP (issue 22) against a real IMAP server (Debian's dovecot) on
 * loopback: admins add one, a client's mail in it becomes a ticket, and only then is it flagged,
 * moved or deleted on the server; old mail stays where it is; a failing mailbox says so.
 */
describe('mailboxes fetched over IMAP', () => {
  const key = testDkimKey();
  let imap: ImapServer;
  let sink: SmtpSink;
  let system: TestSystem;
  let world: World;
  let department: DepartmentView;
  let clientEmail: string;

  beforeAll(async () => {
    imap = await ImapServer.start({ users: [] });
    sink = await SmtpSink.start();
    system = await TestSystem.start('mailboxes', {
      services: ['access', 'tickets', 'attachments', 'notifications', 'mail-ingress', 'gateway'],
      serviceEnv: {
        notifications: { SMTP_URL: sink.url, ENABLE_NOTE_EMAILS: 'false' },
        'mail-ingress': {
          MAIL_DIRECTORY_CACHE_TTL: '0',
          MAILBOX_SUPERVISE_INTERVAL: '200ms',
          MAILBOX_POLL_INTERVAL: '1s',
          MAILBOX_RETRY_INTERVAL: '500ms',
        },
      },
    });
    system.dns!.setTxt('s1._domainkey.client.test', [key.record]);
    system.dns!.setTxt('_dmarc.client.test', ['v=DMARC1; p=reject']);
    world = await createWorld(system.api(), await system.admin());
    clientEmail = (await bodyOf<{ email: string }>(world.admin.get(`/api/clients/${world.ownerId}`))).email;
    department = await bodyOf<DepartmentView>(
      world.admin.post('/api/departments', { name: uniqueName('Support by IMAP') }),
      201,
    );
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await imap?.stop();
    await sink?.stop();
  }, 60_000);

  /** A new IMAP account, and the mailbox body an admin would send for it. */
  const newAccount = async (overrides: Record<string, unknown> = {}) => {
    const username = uniqueName('support').toLowerCase();
    await imap.addUser({ username, password: PASSWORD });
    const address = `${username}@company.test`;
    return {
      username,
      address,
      body: {
        departmentId: department.id,
        address,
        host: imap.host,
        port: imap.port,
        tls: false,
        username,
        password: PASSWORD,
        afterImport: 'flag',
        ...overrides,
      },
    };
  };

  const signedMail = (headers: Record<string, string>, text: string) =>
    dkimSigned(rawMail({ From: clientEmail, ...headers }, text), key.privateKey, 'client.test');

  const inboundBySubject = (subject: string, state = InboundMailState.Added) =>
    expectEventually(
      async () => {
        const page = await bodyOf<ResultPage<InboundMailView>>(world.admin.get('/api/inbound-mails?limit=100'));
        const found = page.items.find((mail) => mail.subject === subject);
        expect(found?.state).toBe(state);
        return found as InboundMailView;
      },
      30_000,
      200,
    );

  const statusOf = (id: number) => bodyOf<MailboxStatusView>(world.admin.get(`/api/admin/mailboxes/${id}/status`));

  it('refuses what cannot work, saying what to fix', async () => {
    const { body, address } = await newAccount();
    const wrongPassword = await world.admin.post('/api/admin/mailboxes', { ...body, password: 'wrong' });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body).toMatchObject({ code: 'MAILBOX_AUTH_FAILED' });
    expect(JSON.stringify(wrongPassword.body)).not.toContain(PASSWORD);

    const closedPort = await world.admin.post('/api/admin/mailboxes', { ...body, port: 1 });
    expect(closedPort.status).toBe(422);
    expect(closedPort.body).toMatchObject({ code: 'MAILBOX_UNREACHABLE' });

    const noFolder = await world.admin.post('/api/admin/mailboxes', { ...body, folder: 'Nowhere' });
    expect(noFolder.status).toBe(422);
    expect(noFolder.body).toMatchObject({ code: 'MAILBOX_FOLDER_NOT_FOUND', details: { folders: ['INBOX'] } });

    const noMoveFolder = await world.admin.post('/api/admin/mailboxes', { ...body, afterImport: 'move:Done' });
    expect(noMoveFolder.body).toMatchObject({ code: 'MAILBOX_FOLDER_NOT_FOUND' });

    const unconfirmedDelete = await world.admin.post('/api/admin/mailboxes', { ...body, afterImport: 'delete' });
    expect(unconfirmedDelete.status).toBe(400);
    expect(JSON.stringify(unconfirmedDelete.body)).toContain('confirmDelete');

    const created = await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', body), 201);
    const taken = await world.admin.post('/api/admin/mailboxes', {
      ...body,
      aliases: [],
      address: address.toUpperCase(),
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'MAILBOX_ADDRESS_TAKEN' });

    expect((await world.staffA.get('/api/admin/mailboxes')).status).toBe(403);
    expect((await world.owner.post(`/api/admin/mailboxes/${created.id}/test`, {})).status).toBe(403);
    expect((await world.admin.delete(`/api/admin/mailboxes/${created.id}`)).status).toBe(200);
    expect((await world.admin.get(`/api/admin/mailboxes/${created.id}`)).status).toBe(404);
  });

  it('turns a client mail into a ticket, then flags it on the server; the password never comes back', async () => {
    const { body, username, address } = await newAccount({ aliases: ['Help@Company.test'] });
    const old = rawMail({ From: clientEmail, To: address, Subject: uniqueName('Old mail') }, 'From last year.');
    await imap.append(username, old, { internalDate: new Date(Date.now() - 30 * 86_400_000) });

    const created = await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', body), 201);
    expect(created).toMatchObject({ address, aliases: ['help@company.test'], folder: 'INBOX', paused: false });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    const listed = await bodyOf<MailboxView[]>(world.admin.get('/api/admin/mailboxes'));
    expect(JSON.stringify(listed)).not.toContain(PASSWORD);
    const tested = await bodyOf<MailboxTestResult>(world.admin.post(`/api/admin/mailboxes/${created.id}/test`, {}));
    expect(tested).toMatchObject({ folders: ['INBOX'], messages: 1, unseen: 1, idle: true });

    const subject = uniqueName('Printer on fire');
    const raw = await signedMail({ To: 'help@company.test', Subject: subject }, 'Help!');
    const uid = await imap.append(username, raw);
    const added = await inboundBySubject(subject);
    expect(added).toMatchObject({ source: 'mailbox', mailboxId: created.id, writtenTo: 'help@company.test' });
    const ticket = await bodyOf<TicketView>(world.admin.get(`/api/tickets/${added.ticketId}`));
    expect(ticket).toMatchObject({ subject, department: { id: department.id }, client: { id: world.ownerId } });

    await expectEventually(async () => {
      const messages = await imap.messages(username);
      expect(messages.find((message) => message.uid === uid)?.flags).toContain('\\Seen');
    }, 10_000);
    // Mail from before the mailbox was added stays as it was, unread and untaken.
    const [untouched] = (await imap.messages(username)).filter((message) => message.uid !== uid);
    expect(untouched.flags).not.toContain('\\Seen');
    const status = await statusOf(created.id);
    expect(status).toMatchObject({ state: MailboxState.Connected, imported: 1, backlog: 0, lastError: null });

    // The same message again (a copy in the folder): its Message-ID finds it, no second message.
    const again = await imap.append(username, raw);
    await expectEventually(async () => {
      const messages = await imap.messages(username);
      expect(messages.find((message) => message.uid === again)?.flags).toContain('\\Seen');
    }, 10_000);
    expect((await bodyOf<TicketView>(world.admin.get(`/api/tickets/${ticket.id}`))).messages).toHaveLength(1);

    // Written to the alias: the ticket's mails come From it, Reply-To still the client's token.
    expect(ticket.writtenTo).toBe('help@company.test');
    expect((await world.admin.post(`/api/tickets/${ticket.id}/replies`, { message: 'On our way.' })).status).toBe(201);
    const reply = await expectEventually(() => {
      const mail = sink.received.find(
        (received) => received.envelope.to.includes(clientEmail) && received.parsed.text?.includes('On our way.'),
      );
      expect(mail).toBeDefined();
      return mail!;
    }, 20_000);
    expect(reply.parsed.from?.value[0].address).toBe('help@company.test');
    expect(reply.parsed.replyTo?.value[0].address).toMatch(/^reply\+/);
  });

  it('leaves 5,000 old messages alone with the default importSince, and takes the next new one', async () => {
    const { body, username, address } = await newAccount();
    const lastMonth = new Date(Date.now() - 30 * 86_400_000);
    await imap.appendMany(
      username,
      Array.from({ length: 5_000 }, (_, index) =>
        rawMail({ From: clientEmail, To: address, Subject: `Old ${index}` }, 'Long ago.'),
      ),
      { internalDate: lastMonth },
    );
    const created = await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', body), 201);
    const subject = uniqueName('The new one');
    await imap.append(username, await signedMail({ To: address, Subject: subject }, 'Now.'));
    const added = await inboundBySubject(subject);
    expect(added.mailboxId).toBe(created.id);
    expect(await statusOf(created.id)).toMatchObject({ imported: 1, backlog: 0 });
    const messages = await imap.messages(username);
    expect(messages.filter((message) => message.flags.includes('\\Seen'))).toHaveLength(1);
  });

  it('imports a backlog when importSince reaches back, without acknowledging it to its clients', async () => {
    const { body, username, address } = await newAccount({
      importSince: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    const oldSubject = uniqueName('Sent last Tuesday');
    await imap.append(username, await signedMail({ To: address, Subject: oldSubject }, 'Still there?'), {
      internalDate: new Date(Date.now() - 2 * 86_400_000),
    });
    await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', body), 201);
    const newSubject = uniqueName('Sent today');
    await imap.append(username, await signedMail({ To: address, Subject: newSubject }, 'Hello?'));
    const backlog = await inboundBySubject(oldSubject);
    const fresh = await inboundBySubject(newSubject);
    const acknowledgements = (ticketId: number) =>
      sink.received.filter(
        (mail) => mail.envelope.to.includes(clientEmail) && mail.parsed.subject?.includes(`[#${ticketId}]`),
      );
    await expectEventually(() => expect(acknowledgements(fresh.ticketId!)).toHaveLength(1), 20_000);
    expect(acknowledgements(backlog.ticketId!)).toEqual([]);
  });

  it('moves or deletes imported mail when asked to, and pauses', async () => {
    const mover = await newAccount({ afterImport: 'move:Imported' });
    await imap.createFolder(mover.username, 'Imported');
    const moving = await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', mover.body), 201);
    const movedSubject = uniqueName('Move me');
    await imap.append(mover.username, await signedMail({ To: mover.address, Subject: movedSubject }, 'Moved.'));
    await inboundBySubject(movedSubject);
    await expectEventually(async () => {
      expect(await imap.messages(mover.username, 'INBOX')).toEqual([]);
      expect(await imap.messages(mover.username, 'Imported')).toHaveLength(1);
    }, 10_000);

    const deleter = await newAccount({ afterImport: 'delete', confirmDelete: true });
    await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', deleter.body), 201);
    const deletedSubject = uniqueName('Delete me');
    await imap.append(deleter.username, await signedMail({ To: deleter.address, Subject: deletedSubject }, 'Gone.'));
    const added = await inboundBySubject(deletedSubject);
    expect(added.hasRaw).toBe(true);
    await expectEventually(async () => expect(await imap.messages(deleter.username)).toEqual([]), 10_000);

    const paused = await bodyOf<MailboxView>(world.admin.patch(`/api/admin/mailboxes/${moving.id}`, { paused: true }));
    expect(paused.paused).toBe(true);
    expect((await statusOf(moving.id)).state).toBe(MailboxState.Paused);
    const waitingSubject = uniqueName('While paused');
    await imap.append(mover.username, await signedMail({ To: mover.address, Subject: waitingSubject }, 'Later.'));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await imap.messages(mover.username, 'INBOX')).toHaveLength(1);
    await bodyOf<MailboxView>(world.admin.patch(`/api/admin/mailboxes/${moving.id}`, { paused: false }));
    await inboundBySubject(waitingSubject);
  });

  it('says when a mailbox fails, touches nothing, tells the admins, and picks up again', async () => {
    const { body, username, address } = await newAccount();
    const created = await bodyOf<MailboxView>(world.admin.post('/api/admin/mailboxes', body), 201);
    await expectEventually(async () => expect((await statusOf(created.id)).state).toBe(MailboxState.Connected));

    await imap.setPassword(username, 'changed-on-the-server');
    // The open connection would still work: an admin's change of settings makes it log in again.
    const changed = await world.admin.patch(`/api/admin/mailboxes/${created.id}`, { aliases: ['x@company.test'] });
    expect(changed.status).toBe(200);
    const failing = await expectEventually(async () => {
      const status = await statusOf(created.id);
      expect(status.state).toBe(MailboxState.Failing);
      return status;
    }, 20_000);
    expect(failing.lastError).toMatch(/refused the login/);
    const subject = uniqueName('While failing');
    await imap.append(username, await signedMail({ To: address, Subject: subject }, 'Anyone?'));
    // A few more failed attempts (MAILBOX_RETRY_INTERVAL is 500 ms here): the mail stays unread.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await imap.messages(username))[0].flags).not.toContain('\\Seen');
    const alert = await expectEventually(() => {
      const mail = sink.received.find((received) => received.parsed.subject?.includes(address));
      expect(mail?.parsed.text).toContain('failing');
      return mail!;
    }, 20_000);
    expect(alert.raw).not.toContain('changed-on-the-server');

    const fixed = await world.admin.patch(`/api/admin/mailboxes/${created.id}`, { password: 'changed-on-the-server' });
    expect(fixed.status).toBe(200);
    await inboundBySubject(subject);
    expect((await statusOf(created.id)).state).toBe(MailboxState.Connected);
    await expectEventually(() =>
      expect(sink.received.some((received) => received.parsed.subject?.includes(`${address} works again`))).toBe(true),
    );
  });
});
