// The inbound-mail ceiling: smtp-server accepting each message and mailparser parsing it, then
// discarding it (no storage, no broker). Reports the CPU it spent, per message.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { serveParent } from '../lib/child';

async function main(): Promise<void> {
  let parsed = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        () => {
          parsed += 1;
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  let since = process.cpuUsage();
  serveParent(
    { port },
    {
      /** CPU ms used since the last call, and messages parsed so far. */
      cpu: () => {
        const used = process.cpuUsage(since);
        since = process.cpuUsage();
        return { cpuMs: (used.user + used.system) / 1000, parsed };
      },
    },
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
}

void main();
