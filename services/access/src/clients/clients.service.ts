import { Injectable } from '@nestjs/common';
import {
  ClientView,
  CreateClientBody,
  DomainError,
  ErrorCode,
  isClient,
  ListClientsQuery,
  Page,
  Principal,
} from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';

import { requireStaff } from '../authorization';
import { PasswordHasher } from '../credentials/password-hasher';
import { Client } from './client.entity';
import { ClientsRepository } from './clients.repository';

const toClientView = (client: Client): ClientView => ({
  id: client.id,
  email: client.email,
  name: client.name,
  active: client.active,
  createdAt: client.createdAt.toISOString(),
});

@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(principal: Principal, query: ListClientsQuery): Promise<Page<ClientView>> {
    requireStaff(principal);
    const limit = query.limit ?? 50;
    const rows = await this.clients.listPage({ q: query.q, beforeId: decodeCursor(query.cursor), limit });
    const items = rows.slice(0, limit);
    return {
      items: items.map(toClientView),
      nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null,
    };
  }

  /** Staff may look up any client; a client only themselves. */
  async get(principal: Principal, id: number): Promise<ClientView> {
    const client = isClient(principal) && principal.id !== id ? null : await this.clients.findById(id);
    if (!client) {
      throw new DomainError(ErrorCode.ClientNotFound, `Client ${id} does not exist.`, { id });
    }
    return toClientView(client);
  }

  async create(principal: Principal, body: CreateClientBody): Promise<ClientView> {
    requireStaff(principal);
    return toClientView(await this.register(body));
  }

  /** Used by staff-side creation and by self-registration. */
  /** `unverified`: a self-registered account, which signs in only once its mailed link was opened. */
  async register(body: CreateClientBody, { unverified = false } = {}): Promise<Client> {
    const passwordHash = body.password ? await this.hasher.hash(body.password) : null;
    try {
      return await this.clients.create({ email: body.email.trim(), name: body.name.trim() }, passwordHash, unverified);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.EmailTaken, `The address ${body.email} is already in use.`);
      }
      throw error;
    }
  }
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const id = Number(cursor);
  if (!Number.isInteger(id) || id < 1) {
    throw new DomainError(ErrorCode.InvalidCursor, 'cursor: pass the nextCursor of the previous page unchanged.');
  }
  return id;
}
