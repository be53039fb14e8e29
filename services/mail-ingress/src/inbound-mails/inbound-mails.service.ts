import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  InboundMailState,
  InboundMailView,
  isAdmin,
  isStaff,
  ListInboundMailsQuery,
  MailRawPurgeResult,
  MailRedriveResult,
  Page,
  Principal,
  RawMailGrant,
  TicketPatterns,
} from '@helpdesk/contracts';
import { replyTokenRedactingStream } from '@helpdesk/mail';
import { TicketsClient } from '@helpdesk/messaging';
import type { Readable } from 'node:stream';

import { InboundJobs } from '../mail-received/mail-received-jobs';
import { RawGrants } from '../raw-downloads/raw-grants';
import { RawMailStore } from '../storage/raw-mail-store';
import { InboundMail } from './inbound-mail.entity';
import { toInboundMailView } from './inbound-mail.mapper';
import { InboundMailsRepository } from './inbound-mails.repository';

export const INBOUND_MAILS_OPTIONS = Symbol('INBOUND_MAILS_OPTIONS');
export interface InboundMailsOptions {
  /** A mail waiting this long in `received` lost its job (or it was dead-lettered): the re-drive publishes it again. */
  redriveAfterMs: number;
  /** How long the raw source of a mail that added nothing (refused, unmatched, ignored) is kept. */
  rawRetentionMs: number;
}

const DEFAULT_PAGE_SIZE = 50;
const REDRIVE_BATCH = 500;
const PURGE_BATCH = 500;
/** Rounds of a staff list filtered by ticket visibility before a short page is answered. */
const MAX_SCOPED_ROUNDS = 5;

/**
 * The inbound-mail log for support ("my email reply didn't work"): staff only. Admins see every
 * mail; other staff only mails that reached a ticket they may see (the tickets service decides),
 * never refusals. Also the scheduler's re-drive of stalled mails.
 */
@Injectable()
export class InboundMailsService {
  private readonly logger = new Logger(InboundMailsService.name);

  constructor(
    @Inject(INBOUND_MAILS_OPTIONS) private readonly options: InboundMailsOptions,
    private readonly mails: InboundMailsRepository,
    private readonly tickets: TicketsClient,
    private readonly grants: RawGrants,
    private readonly jobs: InboundJobs,
    private readonly store: RawMailStore,
  ) {}

  async list(principal: Principal, query: ListInboundMailsQuery): Promise<Page<InboundMailView>> {
    requireStaff(principal);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const admin = isAdmin(principal);
    if (query.ticketId !== undefined && !admin) {
      // Answers TICKET_NOT_FOUND for a ticket out of the principal's scope, as everywhere.
      await this.tickets.send(TicketPatterns.Get, { principal, id: query.ticketId });
    }
    const filter = { ticketId: query.ticketId, state: query.outcome, ticketMailsOnly: !admin, limit };
    let beforeId = decodeCursor(query.cursor);
    const items: InboundMail[] = [];
    for (let round = 0; round < MAX_SCOPED_ROUNDS; round++) {
      const rows = await this.mails.listPage({ ...filter, beforeId, limit: limit - items.length });
      const page = rows.slice(0, limit - items.length);
      const visible = admin || query.ticketId !== undefined ? page : await this.visibleTo(principal, page);
      items.push(...visible);
      const more = rows.length > page.length;
      beforeId = page.length > 0 ? Number(page[page.length - 1].id) : beforeId;
      if (!more || items.length >= limit) {
        return {
          items: items.map((mail) => toInboundMailView(mail)),
          nextCursor: more ? String(beforeId) : null,
        };
      }
    }
    return { items: items.map((mail) => toInboundMailView(mail)), nextCursor: String(beforeId) };
  }

  async get(principal: Principal, id: number): Promise<InboundMailView> {
    return toInboundMailView(await this.findVisible(principal, id));
  }

  /** Processes a held mail (an unverified sender) as if its sender had been verified. */
  async release(principal: Principal, id: number): Promise<InboundMailView> {
    const mail = await this.findVisible(principal, id);
    const released = await this.mails.releaseHeld(Number(mail.id));
    if (!released) {
      throw new DomainError(ErrorCode.InboundMailNotHeld, `Inbound mail ${id} is ${mail.state}, not held.`, {
        id,
        state: mail.state,
      });
    }
    await this.jobs.publish(Number(released.id));
    this.logger.log(`Inbound mail '${id}' was released by staff ${principal.id}`);
    return toInboundMailView(released);
  }

  /** The raw source as it may leave mail-ingress: every reply token in it redacted (the stored original stays intact). */
  async openRaw(id: number): Promise<{ size: number; body: Readable } | null> {
    const mail = await this.mails.findById(id);
    const body = mail?.rawKey ? await this.store.open(mail.rawKey) : null;
    if (!mail || !body) {
      return null;
    }
    const redacted = body.pipe(replyTokenRedactingStream());
    body.once('error', (error) => redacted.destroy(error));
    return { size: Number(mail.size), body: redacted };
  }

  async grantRaw(principal: Principal, id: number): Promise<RawMailGrant> {
    const mail = await this.findVisible(principal, id);
    if (!mail.rawKey) {
      throw new DomainError(
        ErrorCode.InboundMailNotFound,
        `Inbound mail ${id} was refused before its content was sent.`,
        { id },
      );
    }
    return { ...this.grants.sign(Number(mail.id)), size: Number(mail.size) };
  }

  /** Publishes the job of every mail that stalled; the claim makes a second job for a mail harmless. */
  async redrive(): Promise<MailRedriveResult> {
    let requeued = 0;
    let afterId = 0;
    for (;;) {
      const ids = await this.mails.findStalled(this.options.redriveAfterMs, REDRIVE_BATCH, afterId);
      await Promise.all(ids.map((id) => this.jobs.publish(id)));
      requeued += ids.length;
      if (ids.length < REDRIVE_BATCH) {
        break;
      }
      afterId = ids[ids.length - 1];
    }
    if (requeued > 0) {
      this.logger.log(`Re-drive: published the jobs of ${requeued} stalled inbound mail(s)`);
    }
    return { requeued };
  }

  /** Removes expired raw sources a batch at a time; an object already gone is only forgotten. */
  async purgeRaw(): Promise<MailRawPurgeResult> {
    let removed = 0;
    for (;;) {
      const keys = await this.mails.findExpiredRawKeys(this.options.rawRetentionMs, PURGE_BATCH);
      if (keys.length === 0) {
        break;
      }
      await this.store.remove(keys);
      await this.mails.forgetRawKeys(keys);
      removed += keys.length;
    }
    if (removed > 0) {
      this.logger.log(`Removed the raw source of ${removed} inbound mail(s) that added nothing`);
    }
    return { removed };
  }

  private async findVisible(principal: Principal, id: number): Promise<InboundMail> {
    requireStaff(principal);
    const mail = await this.mails.findById(id);
    const visible =
      mail !== null &&
      (isAdmin(principal) ||
        (mail.ticketId !== null &&
          mail.state !== InboundMailState.Refused &&
          (await this.visibleTo(principal, [mail])).length === 1));
    if (!mail || !visible) {
      throw new DomainError(ErrorCode.InboundMailNotFound, `Inbound mail ${id} does not exist.`, { id });
    }
    return mail;
  }

  /** The mails whose ticket the principal may see, asking tickets once per ticket. */
  private async visibleTo(principal: Principal, mails: InboundMail[]): Promise<InboundMail[]> {
    const ticketIds = [...new Set(mails.map((mail) => mail.ticketId).filter((id): id is number => id !== null))];
    const visible = new Set<number>();
    await Promise.all(
      ticketIds.map(async (id) => {
        try {
          await this.tickets.send(TicketPatterns.Get, { principal, id });
          visible.add(id);
        } catch (error) {
          if (!(error instanceof DomainError && error.code === ErrorCode.TicketNotFound)) {
            throw error;
          }
        }
      }),
    );
    return mails.filter((mail) => mail.ticketId !== null && visible.has(Number(mail.ticketId)));
  }
}

function requireStaff(principal: Principal): void {
  if (!isStaff(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only staff may see inbound mail.');
  }
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const id = Number(cursor);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new DomainError(ErrorCode.InvalidCursor, 'cursor: pass the nextCursor of the previous page unchanged.');
  }
  return id;
}
