import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';

import { freePort } from './test-system';

export interface ImapUser {
  username: string;
  password: string;
}

export interface AppendOptions {
  /** Default 'INBOX'; created when missing. */
  folder?: string;
  flags?: string[];
  internalDate?: Date;
}

export interface StoredImapMessage {
  uid: number;
  flags: string[];
  /** The Message-ID header, angle brackets included. */
  messageId: string | null;
  folder: string;
}

const DOVECOT = '/usr/sbin/dovecot';
const HOST = '127.0.0.1';
const DEFAULT_USER: ImapUser = { username: 'support', password: 'support-password' };
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Runs dovecot in the foreground and ends its whole process group (SIGTERM) once our end of its stdin
 * closes: on stop(), and also when the test process dies without calling it.
 */
const WATCHDOG_SCRIPT = 'exec 3<&0; { read -r _ <&3; kill 0; } & exec "$1" -F -c "$2" 3<&-';

/**
 * A real IMAP server (dovecot, as a child process) on localhost, with maildirs and passwd-files in a
 * temporary directory of its own. `restart()` simulates an outage; the mail survives it.
 */
export class ImapServer {
  readonly host = HOST;
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    readonly users: ImapUser[],
    private readonly directory: string,
  ) {}

  static async start(options: { users?: ImapUser[]; port?: number } = {}): Promise<ImapServer> {
    const directory = await mkdtemp(join(tmpdir(), 'helpdesk-imap-'));
    const server = new ImapServer(options.port ?? (await freePort()), [], directory);
    try {
      await server.writeFiles();
      for (const user of options.users ?? [DEFAULT_USER]) {
        await server.addUser(user);
      }
      await server.launch();
      return server;
    } catch (error) {
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Each user gets a passwd-file of their own, read at their first login: a new user can log in at
   * once, where a shared file would be read again only a second after the previous login.
   */
  async addUser(user: ImapUser): Promise<void> {
    if (this.users.some((existing) => existing.username === user.username)) {
      throw new Error(`IMAP user ${user.username} exists already`);
    }
    await this.writePasswdFile(user);
    this.users.push(user);
  }

  /** From when this resolves, logins need the new password. */
  async setPassword(username: string, password: string): Promise<void> {
    const user = this.user(username);
    const file = this.passwdFile(username);
    const previousMtime = (await stat(file)).mtimeMs;
    await this.writePasswdFile({ username, password });
    this.users[this.users.indexOf(user)] = { username, password };
    // Dovecot sees a change by the file's mtime (in seconds) and size, and looks at most once a second.
    await utimes(file, new Date(), new Date(Math.max(Date.now(), previousMtime + 1_000)));
    await sleep(1_000 - (Date.now() % 1_000));
  }

  /** Returns the new message's UID. */
  async append(username: string, raw: string | Buffer, options: AppendOptions = {}): Promise<number> {
    return this.withClient(username, async (client) => {
      const folder = options.folder ?? 'INBOX';
      await client.mailboxCreate(folder);
      return appendOne(client, folder, raw, options);
    });
  }

  /** Appends over one connection: fast enough for thousands of messages. */
  async appendMany(username: string, raws: (string | Buffer)[], options: AppendOptions = {}): Promise<void> {
    await this.withClient(username, async (client) => {
      const folder = options.folder ?? 'INBOX';
      await client.mailboxCreate(folder);
      for (const raw of raws) {
        await appendOne(client, folder, raw, options);
      }
    });
  }

  /**
   * What the folder holds, oldest first; looking does not change flags. \Recent, which depends on
   * which session saw a message first, is left out.
   */
  async messages(username: string, folder = 'INBOX'): Promise<StoredImapMessage[]> {
    return this.withClient(username, async (client) => {
      const mailbox = await client.mailboxOpen(folder, { readOnly: true });
      if (mailbox.exists === 0) {
        return [];
      }
      const fetched = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
      return fetched.map((message) => ({
        uid: message.uid,
        flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        messageId: message.envelope?.messageId ?? null,
        folder,
      }));
    });
  }

  async createFolder(username: string, folder: string): Promise<void> {
    await this.withClient(username, (client) => client.mailboxCreate(folder));
  }

  /** Ends dovecot and its processes and removes its directory, mail included. */
  async stop(): Promise<void> {
    await this.halt();
    await rm(this.directory, { recursive: true, force: true });
  }

  /** Takes the server down (connections dropped) and brings it back on the same port with the same mail. */
  async restart(): Promise<void> {
    await this.halt();
    await this.launch();
  }

  private passwdFile(username: string): string {
    return join(this.usersDirectory, username);
  }

  private async writePasswdFile(user: ImapUser): Promise<void> {
    if (/[:/\r\n]/.test(user.username + user.password)) {
      throw new Error(`IMAP user ${user.username}: passwd-file fields cannot hold ':', '/' or line breaks`);
    }
    const file = this.passwdFile(user.username);
    await writeFile(file, `${user.username}:{PLAIN}${user.password}::::::\n`);
    await chmod(file, 0o644);
  }

  private get usersDirectory(): string {
    return join(this.directory, 'users');
  }

  private get logFile(): string {
    return join(this.directory, 'dovecot.log');
  }

  private get configFile(): string {
    return join(this.directory, 'dovecot.conf');
  }

  private async writeFiles(): Promise<void> {
    // Dovecot's auth process runs as the unprivileged `dovecot` user and must reach the passwd-files.
    await chmod(this.directory, 0o711);
    await mkdir(this.usersDirectory);
    await chmod(this.usersDirectory, 0o755);
    // Dovecot refuses to access mail as root: mail processes run as `mail` and create their maildirs here.
    await mkdir(join(this.directory, 'mail'));
    await chmod(join(this.directory, 'mail'), 0o1777);
    await writeFile(this.configFile, dovecotConfig(this.directory, this.port));
  }

  private async launch(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'sh', DOVECOT, this.configFile], {
      detached: true,
      stdio: ['pipe', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await this.waitUntilReady(child);
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await greets(this.port, greeting(this.directory)))) {
      const exited = child.exitCode !== null || child.signalCode !== null;
      if (exited || Date.now() > deadline) {
        await this.end(child);
        const failure = exited ? 'exited' : `did not greet within ${START_TIMEOUT_MS} ms`;
        throw new Error(`dovecot on port ${this.port} ${failure}; its log ends:\n${this.logTail()}`);
      }
      await sleep(50);
    }
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (child) {
      await this.end(child);
      await waitUntilClosed(this.port);
    }
  }

  private async end(child: ChildProcess): Promise<void> {
    this.child = undefined;
    child.stdin?.end();
    const killer = setTimeout(() => killGroup(child), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(killer);
  }

  private user(username: string): ImapUser {
    const user = this.users.find((candidate) => candidate.username === username);
    if (!user) {
      throw new Error(`No IMAP user ${username} on this server`);
    }
    return user;
  }

  private async withClient<T>(username: string, use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const user = this.user(username);
    const client = new ImapFlow({
      host: this.host,
      port: this.port,
      secure: false,
      auth: { user: user.username, pass: user.password },
      logger: false,
    });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private logTail(): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
  }
}

async function appendOne(
  client: ImapFlow,
  folder: string,
  raw: string | Buffer,
  options: AppendOptions,
): Promise<number> {
  const appended = await client.append(folder, raw, options.flags, options.internalDate);
  if (!appended || !appended.uid) {
    throw new Error(`IMAP APPEND to ${folder} returned no UID`);
  }
  return appended.uid;
}

/** Dovecot 2.3 syntax (Debian 12); 2.4 renamed many of these settings. */
function dovecotConfig(directory: string, port: number): string {
  return `
protocols = imap
listen = ${HOST}
login_greeting = ${greeting(directory)}
base_dir = ${directory}/run
state_dir = ${directory}/state
log_path = ${directory}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A wrong password is refused at once instead of after 2 s.
auth_failure_delay = 0
# Services, test helpers and specs may all be logged in as one user at once.
mail_max_userip_connections = 100
first_valid_uid = 1
mail_location = maildir:${directory}/mail/%u
mail_fsync = never
passdb {
  driver = passwd-file
  args = ${directory}/users/%u
}
userdb {
  driver = static
  args = uid=mail gid=mail home=${directory}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
# Mode 0 leaves out the socket of anvil's penalty table, which turns the auth penalty off: a wrong
# password does not delay the logins that follow it from this address (by 2 s, doubling).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Tells this server from one that had the port already: there, ours could not start. */
function greeting(directory: string): string {
  return `${basename(directory)} ready.`;
}

/** Whether an IMAP client connecting now gets this greeting (not told to wait for the auth process). */
function greets(port: number, expected: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    let received = '';
    const finish = (ready: boolean) => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes(expected)) {
        finish(true);
      }
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/** Dovecot's login processes hold the listening socket a moment after the master has exited. */
async function waitUntilClosed(port: number): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (await accepts(port)) {
    if (Date.now() > deadline) {
      throw new Error(`Port ${port} still accepts connections after dovecot stopped`);
    }
    await sleep(20);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
