import { connect } from 'node:net';
import { ImapServer } from '@helpdesk/testing';
import { ImapFlow } from 'imapflow';

const SUPPORT = { username: 'support', password: 'support-password' };

function rawMail(subject: string, messageId?: string): string {
  const headers = ['From: casey@client.test', 'To: support@helpdesk.test', `Subject: ${subject}`];
  if (messageId) {
    headers.push(`Message-ID: ${messageId}`);
  }
  return [...headers, '', `About ${subject}.`, ''].join('\r\n');
}

function clientOf(server: ImapServer, user: { username: string; password: string }): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: user.username, pass: user.password },
    logger: false,
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('ImapServer, a dovecot for tests', () => {
  let server: ImapServer;

  beforeAll(async () => {
    server = await ImapServer.start();
  });

  afterAll(() => server?.stop());

  it('stores appended messages under increasing UIDs, with their Message-IDs and flags', async () => {
    await server.append('support', rawMail('Printer'));
    await server.append('support', rawMail('Scanner', '<scanner@client.test>'), { flags: ['\\Seen'] });
    const lastUid = await server.append('support', Buffer.from(rawMail('Fax')));

    const messages = await server.messages('support');

    expect(messages).toHaveLength(3);
    expect(messages[2].uid).toBe(lastUid);
    expect(messages[0].uid).toBeLessThan(messages[1].uid);
    expect(messages[1].uid).toBeLessThan(messages[2].uid);
    expect(messages.map((message) => message.messageId)).toEqual([null, '<scanner@client.test>', null]);
    expect(messages[1].flags).toEqual(['\\Seen']);
    expect(messages[0].flags).toEqual([]);
    expect(messages.every((message) => message.folder === 'INBOX')).toBe(true);
  });

  it('refuses a wrong password', async () => {
    const client = clientOf(server, { ...SUPPORT, password: 'wrong' });
    client.on('error', () => undefined);

    await expect(client.connect()).rejects.toThrow();
  });

  it('lets a user added while it runs log in at once', async () => {
    const user = { username: 'billing', password: 'billing-password' };
    await server.addUser(user);
    const client = clientOf(server, user);

    await client.connect();
    await client.logout();
  });

  it('takes a new password at once', async () => {
    const user = { username: 'changing', password: 'before-the-change' };
    await server.addUser(user);
    const beforeTheChange = clientOf(server, user);
    await beforeTheChange.connect();
    await beforeTheChange.logout();

    await server.setPassword(user.username, 'after-the-change!');

    const withOldPassword = clientOf(server, user);
    withOldPassword.on('error', () => undefined);
    await expect(withOldPassword.connect()).rejects.toThrow();
    const withNewPassword = clientOf(server, { ...user, password: 'after-the-change!' });
    await withNewPassword.connect();
    await withNewPassword.logout();
  });

  it('appends hundreds of messages quickly, creating their folder', async () => {
    const raws = Array.from({ length: 200 }, (_, index) => rawMail(`Bulk ${index}`, `<bulk-${index}@client.test>`));
    const started = Date.now();

    await server.appendMany('support', raws, { folder: 'Archive/2024' });

    expect(Date.now() - started).toBeLessThan(5_000);
    const messages = await server.messages('support', 'Archive/2024');
    expect(messages).toHaveLength(200);
    expect(messages[199].messageId).toBe('<bulk-199@client.test>');
  });

  it('tells an idling client of new mail', async () => {
    await server.createFolder('support', 'Watched');
    const client = clientOf(server, SUPPORT);
    await client.connect();
    await client.mailboxOpen('Watched');
    const exists = new Promise<{ count: number }>((resolve) => client.once('exists', resolve));
    const idling = client.idle();

    await server.append('support', rawMail('Urgent'), { folder: 'Watched' });

    await expect(exists).resolves.toMatchObject({ count: 1 });
    await client.logout();
    await idling;
  });

  it('keeps the mail across a restart on the same port', async () => {
    const before = await server.messages('support');

    await server.restart();

    expect(await server.messages('support')).toEqual(before);
  });

  it('runs beside other instances and frees its port when stopped', async () => {
    const other = await ImapServer.start({ users: [{ username: 'other', password: 'other-password' }] });
    await other.append('other', rawMail('Elsewhere'));
    expect(other.port).not.toBe(server.port);

    await other.stop();

    expect(await accepts(other.port)).toBe(false);
    expect(await server.messages('support')).toHaveLength(3);
  });

  it('does not take another server on its port for its own start', async () => {
    await expect(ImapServer.start({ port: server.port })).rejects.toThrow(
      /exited; its log ends:.*Address already in use/s,
    );
    expect(await server.messages('support')).toHaveLength(3);
  });
});
