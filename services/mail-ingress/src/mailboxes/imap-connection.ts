import { DomainError, ErrorCode, MailboxTestResult } from '@helpdesk/contracts';
import type { ImapFlow } from 'imapflow';

/** How long a server may take to answer a connection, its greeting or the login (the issue's 10 s). */
export const IMAP_CONNECT_TIMEOUT_MS = 10_000;
/** IDLE is re-issued this often: servers drop an IDLE after 30 minutes (RFC 2177), some sooner. */
const IDLE_RENEW_MS = 5 * 60_000;
const SOCKET_TIMEOUT_MS = 10 * 60_000;
const LOGOUT_WAIT_MS = 2_000;

export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
}

/** A logged-in connection; the caller closes it (`logout`). */
export async function openImap(settings: ImapSettings): Promise<ImapFlow> {
  // Loaded on first use: a mail-ingress without mailboxes does not carry the IMAP client in memory.
  const { ImapFlow: Client } = await import('imapflow');
  const client = new Client({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth: { user: settings.username, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    maxIdleTime: IDLE_RENEW_MS,
    missingIdleCommand: 'NOOP',
    connectionTimeout: IMAP_CONNECT_TIMEOUT_MS,
    greetingTimeout: IMAP_CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  // An error after connecting surfaces through the next command; unhandled, the event would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw imapProblem(error, settings);
  }
}

/** What `POST /api/admin/mailboxes/:id/test` answers: folders and counts; nothing on the server changes. */
export async function probeImap(
  settings: ImapSettings,
  folder: string,
  moveTo: string | null,
): Promise<MailboxTestResult> {
  const client = await openImap(settings);
  try {
    const folders = (await client.list()).map((entry) => entry.path);
    requireFolder(folders, folder);
    if (moveTo !== null) {
      requireFolder(folders, moveTo);
    }
    const status = await client.status(folder, { messages: true, unseen: true });
    return {
      folders,
      messages: (status && status.messages) || 0,
      unseen: (status && status.unseen) || 0,
      idle: client.capabilities.has('IDLE'),
    };
  } catch (error) {
    throw imapProblem(error, settings);
  } finally {
    await closeImap(client);
  }
}

/** LOGOUT when the server still answers, then the socket closed whatever happened: never waits on a dead connection. */
export async function closeImap(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)));
  await Promise.race([client.logout().catch(() => undefined), giveUp]);
  clearTimeout(timer);
  client.close();
}

function requireFolder(folders: string[], folder: string): void {
  if (
    !folders.some((path) => path === folder || (folder.toUpperCase() === 'INBOX' && path.toUpperCase() === 'INBOX'))
  ) {
    throw new DomainError(
      ErrorCode.MailboxFolderNotFound,
      `The folder "${folder}" does not exist on the server; it has ${folders.map((path) => `"${path}"`).join(', ')}.`,
      { folder, folders },
    );
  }
}

/** The DomainError an admin can act on: wrong credentials, a server out of reach, or what the server said. */
export function imapProblem(error: unknown, settings: Pick<ImapSettings, 'host' | 'port'>): DomainError {
  if (error instanceof DomainError) {
    return error;
  }
  const failure = error as Error & { authenticationFailed?: boolean; response?: string; code?: string };
  const serverResponse = boundedText(failure.response ?? failure.message);
  if (failure.authenticationFailed) {
    return new DomainError(ErrorCode.MailboxAuthFailed, `The IMAP server refused the login: ${serverResponse}`, {
      serverResponse,
    });
  }
  return new DomainError(
    ErrorCode.MailboxUnreachable,
    `No working IMAP connection to ${settings.host}:${settings.port} within ${IMAP_CONNECT_TIMEOUT_MS / 1000} s: ${serverResponse}`,
    { cause: failure.code ?? serverResponse },
  );
}

/** A server's text goes into errors, logs and pages: one line, bounded. */
function boundedText(text: string | undefined): string {
  return (text ?? 'no answer')
    .slice(0, 300)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}
