import { Inject, Injectable } from '@nestjs/common';
import {
  AccessPatterns,
  CreateMailboxBody,
  DomainError,
  ErrorCode,
  isAdmin,
  MailboxAfterImport,
  MailboxState,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  Principal,
  UpdateMailboxBody,
} from '@helpdesk/contracts';
import { SecretBox } from '@helpdesk/config';
import { AccessClient } from '@helpdesk/messaging';
import { EntityManager } from 'typeorm';

import { People } from '../directory/people';
import { ImapSettings, probeImap } from './imap-connection';
import { Mailbox } from './mailbox.entity';
import { MailboxesRepository, MailboxSettings } from './mailboxes.repository';

/** The SecretBox under MAILBOX_SECRET_KEY that seals mailbox passwords. */
export const MAILBOX_SECRETS = Symbol('MAILBOX_SECRETS');

const CONNECTION_FIELDS = ['host', 'port', 'tls', 'username', 'password', 'folder', 'afterImport'] as const;

/** Admins' mailboxes: settings checked against the server before they are saved; passwords sealed, never shown. */
@Injectable()
export class MailboxesService {
  constructor(
    private readonly mailboxes: MailboxesRepository,
    private readonly access: AccessClient,
    private readonly people: People,
    @Inject(MAILBOX_SECRETS) private readonly secrets: SecretBox,
  ) {}

  async create(principal: Principal, body: CreateMailboxBody): Promise<MailboxView> {
    requireAdmin(principal);
    await this.requireDepartment(principal, body.departmentId);
    const settings: MailboxSettings = {
      departmentId: body.departmentId,
      address: body.address.toLowerCase(),
      aliases: normalizedAliases(body.aliases ?? [], body.address),
      host: body.host,
      port: body.port,
      tls: body.tls,
      username: body.username,
      passwordSealed: this.secrets.seal(body.password),
      folder: body.folder ?? 'INBOX',
      afterImport: body.afterImport,
      importSince: body.importSince ? new Date(body.importSince) : new Date(),
      paused: body.paused ?? false,
    };
    await this.requireFreeAddresses([settings.address, ...settings.aliases], null);
    await probeImap({ ...settings, password: body.password }, settings.folder, moveTarget(settings.afterImport));
    const created = await this.mailboxes.exclusively(async (manager) => {
      await this.requireNoOtherMailboxHas(manager, [settings.address, ...settings.aliases], null);
      return this.mailboxes.insert(manager, settings);
    });
    return mailboxView(created);
  }

  async list(principal: Principal): Promise<MailboxView[]> {
    requireAdmin(principal);
    return (await this.mailboxes.list()).map(mailboxView);
  }

  async get(principal: Principal, id: number): Promise<MailboxView> {
    requireAdmin(principal);
    return mailboxView(await this.mailbox(id));
  }

  async update(principal: Principal, id: number, body: UpdateMailboxBody): Promise<MailboxView> {
    requireAdmin(principal);
    const current = await this.mailbox(id);
    if (body.departmentId !== undefined) {
      await this.requireDepartment(principal, body.departmentId);
    }
    const address = body.address?.toLowerCase() ?? current.address;
    const changes: Partial<MailboxSettings> = {
      ...definedOf(body, ['departmentId', 'host', 'port', 'tls', 'username', 'folder', 'afterImport', 'paused']),
      address,
      aliases: normalizedAliases(body.aliases ?? current.aliases, address),
      ...(body.importSince ? { importSince: new Date(body.importSince) } : {}),
      ...(body.password !== undefined ? { passwordSealed: this.secrets.seal(body.password) } : {}),
    };
    await this.requireFreeAddresses([address, ...(changes.aliases ?? [])], id);
    if (CONNECTION_FIELDS.some((field) => body[field] !== undefined)) {
      const next = { ...current, ...changes };
      await probeImap(
        { ...next, password: body.password ?? this.secrets.open(current.passwordSealed) },
        next.folder,
        moveTarget(next.afterImport),
      );
    }
    await this.mailboxes.exclusively(async (manager) => {
      await this.requireNoOtherMailboxHas(manager, [address, ...(changes.aliases ?? [])], id);
      await this.mailboxes.update(manager, id, changes);
    });
    return mailboxView(await this.mailbox(id));
  }

  async delete(principal: Principal, id: number): Promise<{ deleted: true }> {
    requireAdmin(principal);
    if (!(await this.mailboxes.delete(id))) {
      throw notFound(id);
    }
    return { deleted: true };
  }

  async test(principal: Principal, id: number): Promise<MailboxTestResult> {
    requireAdmin(principal);
    const mailbox = await this.mailbox(id);
    return probeImap(this.imapSettings(mailbox), mailbox.folder, moveTarget(mailbox.afterImport));
  }

  async status(principal: Principal, id: number): Promise<MailboxStatusView> {
    requireAdmin(principal);
    const mailbox = await this.mailbox(id);
    return {
      id: mailbox.id,
      state: mailbox.paused ? MailboxState.Paused : mailbox.state,
      lastMessageAt: mailbox.lastMessageAt?.toISOString() ?? null,
      lastError: mailbox.lastError,
      lastErrorAt: mailbox.lastErrorAt?.toISOString() ?? null,
      lastCheckedAt: mailbox.lastCheckedAt?.toISOString() ?? null,
      backlog: mailbox.backlog,
      imported: mailbox.imported,
    };
  }

  imapSettings(mailbox: Mailbox): ImapSettings {
    return { ...mailbox, password: this.secrets.open(mailbox.passwordSealed) };
  }

  private async mailbox(id: number): Promise<Mailbox> {
    const mailbox = await this.mailboxes.find(id);
    if (!mailbox) {
      throw notFound(id);
    }
    return mailbox;
  }

  private async requireDepartment(principal: Principal, id: number): Promise<void> {
    await this.access.send(AccessPatterns.GetDepartment, { principal, id });
  }

  /** An address routes to one department: never two mailboxes', nor a department's own. */
  private async requireFreeAddresses(addresses: string[], exceptId: number | null): Promise<void> {
    for (const address of addresses) {
      const department = await this.people.departmentByEmail(address);
      if (department) {
        throw addressTaken(address, `the department "${department.name}"`);
      }
    }
    await this.mailboxes.exclusively((manager) => this.requireNoOtherMailboxHas(manager, addresses, exceptId));
  }

  private async requireNoOtherMailboxHas(
    manager: EntityManager,
    addresses: string[],
    exceptId: number | null,
  ): Promise<void> {
    const holder = await this.mailboxes.holderOf(manager, addresses, exceptId);
    if (holder) {
      const taken = addresses.find((address) => [holder.address, ...holder.aliases].includes(address));
      throw addressTaken(taken ?? addresses[0], `mailbox #${holder.id}`);
    }
  }
}

export function mailboxView(mailbox: Mailbox): MailboxView {
  return {
    id: mailbox.id,
    departmentId: mailbox.departmentId,
    address: mailbox.address,
    aliases: mailbox.aliases,
    host: mailbox.host,
    port: mailbox.port,
    tls: mailbox.tls,
    username: mailbox.username,
    folder: mailbox.folder,
    afterImport: mailbox.afterImport,
    importSince: mailbox.importSince.toISOString(),
    paused: mailbox.paused,
    createdAt: mailbox.createdAt.toISOString(),
    updatedAt: mailbox.updatedAt.toISOString(),
  };
}

/** The folder `move:<folder>` moves imported mail to; null for flag and delete. */
export function moveTarget(afterImport: MailboxAfterImport): string | null {
  return afterImport.startsWith('move:') ? afterImport.slice('move:'.length) : null;
}

function normalizedAliases(aliases: string[], address: string): string[] {
  const lower = aliases.map((alias) => alias.trim().toLowerCase());
  return [...new Set(lower)].filter((alias) => alias !== address.toLowerCase());
}

function definedOf<T extends object, K extends keyof T>(body: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]])) as Partial<
    Pick<T, K>
  >;
}

function requireAdmin(principal: Principal): void {
  if (!isAdmin(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only administrators may manage mailboxes.');
  }
}

function notFound(id: number): DomainError {
  return new DomainError(ErrorCode.MailboxNotFound, `Mailbox ${id} does not exist.`, { id });
}

function addressTaken(address: string, holder: string): DomainError {
  return new DomainError(ErrorCode.MailboxAddressTaken, `The address ${address} is already used by ${holder}.`, {
    address,
  });
}
