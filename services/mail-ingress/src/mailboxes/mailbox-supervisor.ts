import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PollLoop } from '@helpdesk/config';
import { DataSource, QueryRunner } from 'typeorm';

import { People } from '../directory/people';
import { MailReceiver } from '../receiving/mail-receiver';
import { MailboxAlerts } from './mailbox-alerts';
import { MailboxFetcher, MailboxFetcherOptions } from './mailbox-fetcher';
import { Mailbox } from './mailbox.entity';
import { MailboxesRepository } from './mailboxes.repository';
import { MailboxesService } from './mailboxes.service';

export const MAILBOX_SUPERVISOR_OPTIONS = Symbol('MAILBOX_SUPERVISOR_OPTIONS');
export interface MailboxSupervisorOptions extends MailboxFetcherOptions {
  /** How often the mailbox list is read again (added, changed, removed mailboxes). */
  superviseIntervalMs: number;
}

/** Advisory-lock namespace of mailbox fetchers (the second key is the mailbox id). */
const FETCHER_LOCK_CLASS = 0x6d626f78;

interface Running {
  fetcher: MailboxFetcher;
  updatedAt: number;
}

/**
 * Runs one fetcher per mailbox across every mail-ingress replica: a replica fetches the
 * mailboxes whose advisory lock it holds, on one database session kept for it; when that
 * session ends (the replica died, or lost the database), the locks go and another replica
 * takes the mailboxes over. A changed mailbox's fetcher is started again with its new settings.
 */
@Injectable()
export class MailboxSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxSupervisor.name);
  private readonly running = new Map<number, Running>();
  private readonly loop: PollLoop;
  private locks?: QueryRunner;

  constructor(
    @Inject(MAILBOX_SUPERVISOR_OPTIONS) private readonly options: MailboxSupervisorOptions,
    private readonly dataSource: DataSource,
    private readonly mailboxes: MailboxesRepository,
    private readonly service: MailboxesService,
    private readonly alerts: MailboxAlerts,
    private readonly people: People,
    private readonly receiver: MailReceiver,
  ) {
    this.loop = new PollLoop({
      name: 'Mailbox supervisor',
      pollIntervalMs: options.superviseIntervalMs,
      pass: () => this.supervise(),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.stopAll();
  }

  /** Whether a mailbox this replica fetches is failing: mail-ingress is then degraded, not down. */
  async failingMailboxes(): Promise<string[]> {
    return this.mailboxes.failingAmong([...this.running.keys()]);
  }

  private async supervise(): Promise<void> {
    const locks = await this.lockSession();
    const mailboxes = await this.mailboxes.list();
    const present = new Set(mailboxes.map((mailbox) => mailbox.id));
    for (const id of [...this.running.keys()].filter((id) => !present.has(id))) {
      await this.stopFetcher(id, locks);
    }
    for (const mailbox of mailboxes) {
      await this.superviseOne(mailbox, locks);
    }
  }

  private async superviseOne(mailbox: Mailbox, locks: QueryRunner): Promise<void> {
    const running = this.running.get(mailbox.id);
    if (running && running.updatedAt === mailbox.updatedAt.getTime()) {
      return;
    }
    if (running) {
      await running.fetcher.stop();
      this.running.delete(mailbox.id);
    } else if (!(await this.tryLock(locks, mailbox.id))) {
      return; // Another replica fetches it.
    }
    const fetcher = new MailboxFetcher(
      mailbox.id,
      {
        mailboxes: this.mailboxes,
        alerts: this.alerts,
        imapSettings: (current) => this.service.imapSettings(current),
        department: (id) => this.department(id),
        receive: (message) => this.receiver.receiveFetched(message),
        logTooBig: (message, size) => this.receiver.logTooBig(message, size),
      },
      this.options,
    );
    fetcher.start();
    this.running.set(mailbox.id, { fetcher, updatedAt: mailbox.updatedAt.getTime() });
    this.logger.log(`Fetching mailbox ${mailbox.address} (#${mailbox.id})`);
  }

  private async department(id: number) {
    const department = await this.people.departmentNow(id);
    if (!department) {
      throw new Error(`The mailbox's department ${id} no longer exists: give the mailbox another department.`);
    }
    return department;
  }

  /** The session holding this replica's fetcher locks; a new one (and no fetchers) when it was lost. */
  private async lockSession(): Promise<QueryRunner> {
    if (this.locks && !this.locks.isReleased) {
      try {
        await this.locks.query('SELECT 1');
        return this.locks;
      } catch {
        this.logger.warn('The session holding the mailbox locks was lost: fetchers stop until it is back');
        await this.stopAll();
      }
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    this.locks = runner;
    return runner;
  }

  private async tryLock(locks: QueryRunner, mailboxId: number): Promise<boolean> {
    const rows = (await locks.query('SELECT pg_try_advisory_lock($1, $2) AS "locked"', [
      FETCHER_LOCK_CLASS,
      mailboxId,
    ])) as { locked: boolean }[];
    return rows[0].locked;
  }

  private async stopFetcher(id: number, locks: QueryRunner): Promise<void> {
    await this.running.get(id)?.fetcher.stop();
    this.running.delete(id);
    await locks.query('SELECT pg_advisory_unlock($1, $2)', [FETCHER_LOCK_CLASS, id]);
  }

  private async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map(({ fetcher }) => fetcher.stop()));
    this.running.clear();
    const locks = this.locks;
    this.locks = undefined;
    // The connection goes back to the pool: it must not keep holding the locks there.
    await locks?.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await locks?.release().catch(() => undefined);
  }
}
