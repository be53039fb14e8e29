import { Logger } from '@nestjs/common';
import { DepartmentView, MailboxState } from '@helpdesk/contracts';
import type { ImapFlow } from 'imapflow';

import { FetchedMessage, FetchedOutcome } from '../receiving/mail-receiver';
import { closeImap, imapProblem, ImapSettings, openImap } from './imap-connection';
import { MailboxAlerts } from './mailbox-alerts';
import { Mailbox } from './mailbox.entity';
import { MailboxesRepository } from './mailboxes.repository';
import { moveTarget } from './mailboxes.service';
import { Wakeup } from './wakeup';

const HOUR_MS = 3_600_000;
/** Messages whose date and size are asked for in one FETCH. */
const BATCH = 100;
const STOP_GRACE_MS = 5_000;
const RECONNECT_MS = 1_000;

export interface MailboxFetcherOptions {
  /** How often a server without IDLE is asked for new mail (and how long an IDLE waits before a check anyway). */
  pollIntervalMs: number;
  /** How long after a failure the next attempt starts. */
  retryMs: number;
  /** Larger messages are logged and left on the server. */
  maxBytes: number;
}

export interface MailboxFetcherParts {
  mailboxes: MailboxesRepository;
  alerts: MailboxAlerts;
  imapSettings: (mailbox: Mailbox) => ImapSettings;
  department: (id: number) => Promise<DepartmentView>;
  receive: (message: FetchedMessage) => Promise<FetchedOutcome>;
  /** Logs a message over the size limit, left on the server; answers its log entry. */
  logTooBig: (message: Omit<FetchedMessage, 'source'>, size: number) => Promise<number>;
}

/** The message could not be made durable here (storage, database or broker away): not the mailbox's fault. */
class IntakeUnavailable extends Error {}

/**
 * Takes one mailbox's mail, oldest first: each message stored, recorded and its job confirmed
 * (the SMTP promise), then recorded as taken, then flagged, moved or deleted on the server, then
 * the folder's last UID advanced. A crash anywhere in between takes nothing twice: a message
 * taken but not acted on is only acted on; one recorded but not marked is found by its Message-ID.
 */
export class MailboxFetcher {
  private readonly logger: Logger;
  private readonly wakeup = new Wakeup();
  private stopped = false;
  private client?: ImapFlow;
  private running?: Promise<void>;

  constructor(
    readonly mailboxId: number,
    private readonly parts: MailboxFetcherParts,
    private readonly options: MailboxFetcherOptions,
  ) {
    this.logger = new Logger(`MailboxFetcher#${mailboxId}`);
  }

  start(): void {
    this.running = this.run();
  }

  /** Ends after the message being taken; a command that hangs is cut off after STOP_GRACE_MS. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeup.signal();
    const cutOff = setTimeout(() => this.client?.close(), STOP_GRACE_MS);
    await this.running;
    clearTimeout(cutOff);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const mailbox = await this.parts.mailboxes.find(this.mailboxId).catch(() => null);
      if (!mailbox || mailbox.paused) {
        await this.wakeup.wait(this.options.pollIntervalMs);
        continue;
      }
      try {
        await this.session(mailbox);
        // The server ended the session (an IDLE dropped, a restart): connect again, but never in a tight loop.
        await this.wakeup.wait(RECONNECT_MS);
      } catch (error) {
        if (!this.stopped) {
          await this.failed(mailbox, error);
          await this.wakeup.wait(this.options.retryMs);
        }
      }
    }
  }

  private async session(mailbox: Mailbox): Promise<void> {
    const client = await openImap(this.parts.imapSettings(mailbox));
    this.client = client;
    try {
      await client.mailboxOpen(mailbox.folder);
      const uidValidity = Number(client.mailbox ? client.mailbox.uidValidity : 0);
      if (mailbox.uidValidity !== uidValidity) {
        await this.parts.mailboxes.restartAt(mailbox.id, uidValidity);
      }
      client.on('exists', () => this.wakeup.signal());
      client.on('close', () => this.wakeup.signal());
      await this.recovered(mailbox);
      const canIdle = client.capabilities.has('IDLE');
      while (!this.stopped && client.usable) {
        await this.takeNew(client, uidValidity);
        if (canIdle) {
          void client.idle().catch(() => undefined);
        }
        await this.wakeup.wait(this.options.pollIntervalMs);
      }
    } finally {
      this.client = undefined;
      await closeImap(client);
    }
  }

  private async takeNew(client: ImapFlow, uidValidity: number): Promise<void> {
    const mailbox = await this.parts.mailboxes.find(this.mailboxId);
    if (!mailbox || mailbox.paused) {
      this.stopped = this.stopped || !mailbox;
      return;
    }
    const found =
      (await client.search(
        { uid: `${mailbox.lastUid + 1}:*`, since: dayBefore(mailbox.importSince) },
        { uid: true },
      )) || [];
    const waiting = found.filter((uid) => uid > mailbox.lastUid).sort((a, b) => a - b);
    this.logger.debug(
      `${waiting.length} message(s) after UID ${mailbox.lastUid} since ${mailbox.importSince.toISOString()}`,
    );
    await this.parts.mailboxes.report(mailbox.id, {
      state: MailboxState.Connected,
      lastCheckedAt: new Date(),
      backlog: waiting.length,
    });
    const department = waiting.length > 0 ? await this.parts.department(mailbox.departmentId) : null;
    for (let start = 0; start < waiting.length && !this.stopped; start += BATCH) {
      const batch = waiting.slice(start, start + BATCH);
      const taken = await this.parts.mailboxes.takenAmong(mailbox.id, uidValidity, batch);
      const sizes = await this.datesAndSizes(client, batch);
      for (const uid of batch) {
        if (this.stopped) {
          return;
        }
        await this.take(client, mailbox, department!, uidValidity, uid, taken.has(uid), sizes.get(uid));
      }
      await this.parts.mailboxes.report(mailbox.id, { backlog: Math.max(0, waiting.length - start - batch.length) });
    }
  }

  private async take(
    client: ImapFlow,
    mailbox: Mailbox,
    department: DepartmentView,
    uidValidity: number,
    uid: number,
    alreadyTaken: boolean,
    listed: { internalDate: Date; size: number } | undefined,
  ): Promise<void> {
    const tooOld = !listed || listed.internalDate < wholeSecond(mailbox.importSince);
    const about = {
      mailboxId: mailbox.id,
      department,
      addresses: [mailbox.address, ...mailbox.aliases],
      backlog: listed !== undefined && listed.internalDate < wholeSecond(mailbox.createdAt),
    };
    if (!alreadyTaken && !tooOld && listed.size > this.options.maxBytes) {
      // Left on the server untouched, whatever afterImport says: the last UID moves past it first.
      await this.parts.mailboxes.advance(mailbox.id, uidValidity, uid);
      const logged = await this.parts.logTooBig(about, listed.size);
      await this.parts.mailboxes.markTaken(mailbox.id, uidValidity, uid, logged);
      return;
    }
    if (!alreadyTaken && !tooOld) {
      const source = await this.source(client, uid);
      if (source === null) {
        return; // Expunged meanwhile by another client: nothing to take.
      }
      const outcome = await this.parts.receive({ ...about, source }).catch((error: Error) => {
        throw new IntakeUnavailable(`A fetched message could not be stored and queued: ${error.message}`);
      });
      await this.parts.mailboxes.markTaken(mailbox.id, uidValidity, uid, outcome.inboundMailId);
    }
    if (!tooOld) {
      await this.actOnServer(client, mailbox, uid);
    }
    await this.parts.mailboxes.advance(mailbox.id, uidValidity, uid);
  }

  private async datesAndSizes(
    client: ImapFlow,
    uids: number[],
  ): Promise<Map<number, { internalDate: Date; size: number }>> {
    const listed = new Map<number, { internalDate: Date; size: number }>();
    for await (const message of client.fetch(uids.join(','), { internalDate: true, size: true }, { uid: true })) {
      listed.set(message.uid, { internalDate: new Date(message.internalDate ?? 0), size: message.size ?? 0 });
    }
    return listed;
  }

  /** The raw message; a message over the size limit is not downloaded (the receiver logs it from its size). */
  private async source(client: ImapFlow, uid: number): Promise<Buffer | null> {
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    return message && message.source ? message.source : null;
  }

  private async actOnServer(client: ImapFlow, mailbox: Mailbox, uid: number): Promise<void> {
    const range = String(uid);
    const folder = moveTarget(mailbox.afterImport);
    if (folder !== null) {
      await client.messageMove(range, folder, { uid: true });
    } else if (mailbox.afterImport === 'delete') {
      await client.messageDelete(range, { uid: true });
    } else {
      await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    }
  }

  private async recovered(mailbox: Mailbox): Promise<void> {
    if (mailbox.failingSince && mailbox.alertedAt) {
      await this.parts.alerts.publish({
        mailboxId: mailbox.id,
        address: mailbox.address,
        recovered: true,
        error: null,
        failingSince: mailbox.failingSince.toISOString(),
      });
      this.logger.log(`Mailbox ${mailbox.address} works again`);
    }
    await this.parts.mailboxes.report(mailbox.id, {
      state: MailboxState.Connected,
      lastCheckedAt: new Date(),
      lastError: null,
      lastErrorAt: null,
      failingSince: null,
      alertedAt: null,
    });
  }

  /** Failing: nothing on the server was touched; admins are told at most hourly. */
  private async failed(mailbox: Mailbox, error: unknown): Promise<void> {
    const ours = error instanceof IntakeUnavailable;
    const problem = ours ? error.message : imapProblem(error, mailbox).message;
    const now = new Date();
    const failingSince = mailbox.failingSince ?? now;
    // Our own outage is for the operators' monitoring, not a mailbox for admins to fix.
    const alertDue = !ours && (!mailbox.alertedAt || now.getTime() - mailbox.alertedAt.getTime() >= HOUR_MS);
    this.logger.warn(`Mailbox ${mailbox.address}: ${problem}`);
    const alerted =
      alertDue &&
      (await this.parts.alerts.publish({
        mailboxId: mailbox.id,
        address: mailbox.address,
        recovered: false,
        error: problem,
        failingSince: failingSince.toISOString(),
      }));
    await this.parts.mailboxes
      .report(mailbox.id, {
        state: MailboxState.Failing,
        lastError: problem,
        lastErrorAt: now,
        failingSince,
        alertedAt: alerted ? now : mailbox.alertedAt,
      })
      .catch((reportError: Error) => this.logger.warn(`Could not record the failure: ${reportError.message}`));
  }
}

/** IMAP's INTERNALDATE has whole seconds: mail of the second a mailbox was added counts as after it. */
function wholeSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** SEARCH SINCE compares dates in the server's time zone: a day earlier, and each message's INTERNALDATE decides. */
function dayBefore(date: Date): Date {
  return new Date(date.getTime() - 86_400_000);
}
