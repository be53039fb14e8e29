import { Injectable } from '@nestjs/common';
import { AccessEvents, ClientUpdatedPayload, PrincipalKind } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource } from 'typeorm';

import { CredentialsRepository } from '../credentials/credentials.repository';
import { Client } from './client.entity';

@Injectable()
export class ClientsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialsRepository,
    private readonly outbox: Outbox,
  ) {}

  findById(id: number): Promise<Client | null> {
    return this.dataSource.getRepository(Client).findOneBy({ id });
  }

  /** Newest first, `limit + 1` rows so the caller knows whether another page follows. */
  listPage(filter: { q?: string; beforeId?: number; limit: number }): Promise<Client[]> {
    const query = this.dataSource.getRepository(Client).createQueryBuilder('client').orderBy('client.id', 'DESC');
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(client.name ILIKE :pattern OR client.email ILIKE :pattern)', { pattern });
    }
    if (filter.beforeId) {
      query.andWhere('client.id < :beforeId', { beforeId: filter.beforeId });
    }
    return query.limit(filter.limit + 1).getMany();
  }

  /** The client, its credential (unique address) and `client.updated`, in one transaction. */
  async create(
    client: { email: string; name: string },
    passwordHash: string | null,
    unverified = false,
  ): Promise<Client> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(Client).save({ ...client, active: true });
      await this.credentials.upsert(
        manager,
        { kind: PrincipalKind.Client, subjectId: row.id, email: row.email, unverified },
        passwordHash,
      );
      const payload: ClientUpdatedPayload = { id: row.id, name: row.name, email: row.email };
      await this.outbox.add(manager, [{ name: AccessEvents.ClientUpdated, payload }]);
      return manager.getRepository(Client).findOneByOrFail({ id: row.id });
    });
    this.outbox.flushSoon();
    return saved;
  }
}
