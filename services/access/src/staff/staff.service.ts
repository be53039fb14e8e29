import { Injectable } from '@nestjs/common';
import { CreateStaffBody, DomainError, ErrorCode, Principal, StaffView, UpdateStaffBody } from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';
import { EntityManager } from 'typeorm';

import { requireAdmin, requireStaff, requireWorksIn } from '../authorization';
import { PasswordHasher } from '../credentials/password-hasher';
import { DepartmentsRepository } from '../departments/departments.repository';
import { StaffMember } from './staff-member.entity';
import { toStaffView } from './staff.mapper';
import { StaffChanges, StaffRepository } from './staff.repository';

@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly departments: DepartmentsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(principal: Principal): Promise<StaffView[]> {
    requireAdmin(principal);
    return (await this.staff.findAll()).map(toStaffView);
  }

  /** Any staff member may look a colleague up (to assign a ticket); clients may not. */
  async get(principal: Principal, id: number): Promise<StaffView> {
    requireStaff(principal);
    return toStaffView(await this.findOrFail(id));
  }

  /** For services checking people they are about to mail: administrators (the system) only. */
  async byIds(principal: Principal, ids: number[]): Promise<StaffView[]> {
    requireAdmin(principal);
    return (await this.staff.findByIds(ids)).map(toStaffView);
  }

  /** Who works in a department: the people to tell about its tickets, or to assign them to. */
  async ofDepartment(principal: Principal, departmentId: number): Promise<StaffView[]> {
    requireWorksIn(principal, departmentId);
    return (await this.staff.findActiveInDepartment(departmentId)).map(toStaffView);
  }

  async create(principal: Principal, body: CreateStaffBody): Promise<StaffView> {
    requireAdmin(principal);
    await this.requireDepartmentsExist(body.departmentIds);
    const { password, ...rest } = body;
    return toStaffView(
      await this.saveUniquely(undefined, { ...rest, active: true, passwordHash: await this.hasher.hash(password) }),
    );
  }

  async update(principal: Principal, id: number, body: UpdateStaffBody): Promise<StaffView> {
    requireAdmin(principal);
    const current = await this.findOrFail(id);
    if (body.departmentIds) {
      await this.requireDepartmentsExist(body.departmentIds);
    }
    const role = body.role ?? current.role;
    const active = body.active ?? current.active;
    const changes: StaffChanges = {
      email: body.email ?? current.email,
      name: body.name ?? current.name,
      role,
      active,
      departmentIds: body.departmentIds ?? current.departmentIds,
      passwordHash: body.password ? await this.hasher.hash(body.password) : undefined,
      endSessions: role !== current.role || active !== current.active,
    };
    return toStaffView(await this.saveUniquely(id, changes, (manager) => this.keepAnAdmin(manager)));
  }

  private async findOrFail(id: number): Promise<StaffMember> {
    const member = await this.staff.findById(id);
    if (!member) {
      throw new DomainError(ErrorCode.StaffNotFound, `Staff member ${id} does not exist.`, { id });
    }
    return member;
  }

  private async requireDepartmentsExist(departmentIds: number[]): Promise<void> {
    const missing = await this.departments.findMissingIds(departmentIds);
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, `departmentIds: no department has id ${missing.join(', ')}`, {
        missing,
      });
    }
  }

  /** Demoting or deactivating the last active admin would lock everyone out of administration. */
  private async keepAnAdmin(manager: EntityManager): Promise<void> {
    if ((await this.staff.countActiveAdmins(manager)) === 0) {
      throw new DomainError(ErrorCode.LastAdmin, 'At least one active administrator must remain.');
    }
  }

  private async saveUniquely(
    id: number | undefined,
    changes: StaffChanges,
    check?: (manager: EntityManager) => Promise<void>,
  ): Promise<StaffMember> {
    try {
      return await this.staff.save(id, changes, check);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.EmailTaken, `The address ${changes.email} is already in use.`);
      }
      throw error;
    }
  }
}
