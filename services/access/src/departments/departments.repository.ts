import { Injectable } from '@nestjs/common';
import { AccessEvents, DepartmentUpdatedPayload } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource, EntityManager, In } from 'typeorm';

import { Department } from './department.entity';

@Injectable()
export class DepartmentsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  findAll(): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } });
  }

  findById(id: number): Promise<Department | null> {
    return this.dataSource.getRepository(Department).findOneBy({ id });
  }

  /** The ids among `ids` that name no department. */
  async findMissingIds(ids: number[], manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const found = await manager.getRepository(Department).findBy({ id: In(ids) });
    const existing = new Set(found.map((department) => department.id));
    return ids.filter((id) => !existing.has(id));
  }

  /** Inserts or updates, and records `department.updated` in the same transaction. */
  async save(department: Partial<Department>): Promise<Department> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(Department).save(department);
      const fresh = await manager.getRepository(Department).findOneByOrFail({ id: row.id });
      const payload: DepartmentUpdatedPayload = {
        id: fresh.id,
        name: fresh.name,
        active: fresh.active,
        autoCloseDays: fresh.autoCloseDays,
        updatedAt: fresh.updatedAt.toISOString(),
      };
      await this.outbox.add(manager, [{ name: AccessEvents.DepartmentUpdated, payload }]);
      return fresh;
    });
    this.outbox.flushSoon();
    return saved;
  }
}
