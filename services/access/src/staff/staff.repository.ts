import { Injectable } from '@nestjs/common';
import { AccessEvents, PrincipalKind, StaffUpdatedPayload } from '@helpdesk/contracts';
import { Outbox } from '@helpdesk/outbox';
import { DataSource, EntityManager, In } from 'typeorm';

import { CredentialsRepository } from '../credentials/credentials.repository';
import { StaffMember } from './staff-member.entity';

export interface StaffChanges {
  email: string;
  name: string;
  role: StaffMember['role'];
  active: boolean;
  departmentIds: number[];
  /** undefined keeps the current password. */
  passwordHash?: string;
  /** Ends the member's sessions (a new password does so anyway). */
  endSessions?: boolean;
}

@Injectable()
export class StaffRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialsRepository,
    private readonly outbox: Outbox,
  ) {}

  async findAll(): Promise<StaffMember[]> {
    const staff = await this.dataSource.getRepository(StaffMember).find({ order: { name: 'ASC', id: 'ASC' } });
    return this.withDepartments(staff);
  }

  async findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<StaffMember | null> {
    const member = await manager.getRepository(StaffMember).findOneBy({ id });
    return member ? (await this.withDepartments([member], manager))[0] : null;
  }

  async findByIds(ids: number[]): Promise<StaffMember[]> {
    if (ids.length === 0) {
      return [];
    }
    const staff = await this.dataSource
      .getRepository(StaffMember)
      .find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    return this.withDepartments(staff);
  }

  async findActiveInDepartment(departmentId: number): Promise<StaffMember[]> {
    const staff = await this.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder('staff')
      .where('staff.active')
      .andWhere(
        'staff.id IN (SELECT "staff_id" FROM "access"."staff_departments" WHERE "department_id" = :departmentId)',
        { departmentId },
      )
      .orderBy('staff.id')
      .getMany();
    return this.withDepartments(staff);
  }

  async countActiveAdmins(manager: EntityManager): Promise<number> {
    return manager.getRepository(StaffMember).countBy({ role: 'admin' as StaffMember['role'], active: true });
  }

  /**
   * Creates (no `id`) or updates a staff member with their departments, credential and a
   * `staff.updated` event in one transaction. `check` runs inside it, after the write.
   */
  async save(
    id: number | undefined,
    changes: StaffChanges,
    check: (manager: EntityManager) => Promise<void> = async () => undefined,
  ): Promise<StaffMember> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const { passwordHash, departmentIds, endSessions, ...columns } = changes;
      const row = await manager.getRepository(StaffMember).save({ id, ...columns });
      await manager.query('DELETE FROM "access"."staff_departments" WHERE "staff_id" = $1', [row.id]);
      if (departmentIds.length > 0) {
        await manager.query(
          'INSERT INTO "access"."staff_departments" ("staff_id", "department_id") SELECT $1, unnest($2::int[])',
          [row.id, [...new Set(departmentIds)]],
        );
      }
      await this.credentials.upsert(
        manager,
        { kind: PrincipalKind.Staff, subjectId: row.id, email: columns.email },
        passwordHash,
        endSessions,
      );
      await check(manager);
      const member = (await this.findById(row.id, manager)) as StaffMember;
      const payload: StaffUpdatedPayload = {
        id: member.id,
        name: member.name,
        email: member.email,
        active: member.active,
        departmentIds: member.departmentIds,
      };
      await this.outbox.add(manager, [{ name: AccessEvents.StaffUpdated, payload }]);
      return member;
    });
    this.outbox.flushSoon();
    return saved;
  }

  private async withDepartments(
    staff: StaffMember[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StaffMember[]> {
    if (staff.length === 0) {
      return staff;
    }
    const rows: { staff_id: number; department_id: number }[] = await manager.query(
      'SELECT "staff_id", "department_id" FROM "access"."staff_departments" WHERE "staff_id" = ANY($1) ORDER BY "department_id"',
      [staff.map((member) => member.id)],
    );
    for (const member of staff) {
      member.departmentIds = rows.filter((row) => row.staff_id === member.id).map((row) => row.department_id);
    }
    return staff;
  }
}
