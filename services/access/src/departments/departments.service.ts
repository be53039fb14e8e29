import { Injectable } from '@nestjs/common';
import {
  CreateDepartmentBody,
  DepartmentView,
  DomainError,
  ErrorCode,
  isClient,
  Principal,
  UpdateDepartmentBody,
} from '@helpdesk/contracts';
import { isUniqueViolation } from '@helpdesk/database';

import { requireAdmin } from '../authorization';
import { Department } from './department.entity';
import { toDepartmentView } from './department.mapper';
import { departmentMailSettings } from './department-mail-settings';
import { DepartmentsRepository } from './departments.repository';

@Injectable()
export class DepartmentsService {
  constructor(private readonly departments: DepartmentsRepository) {}

  /** Clients see the departments they can open tickets in; staff see every one. */
  async list(principal: Principal): Promise<DepartmentView[]> {
    const all = await this.departments.findAll();
    return all.filter((department) => department.active || !isClient(principal)).map(toDepartmentView);
  }

  async get(principal: Principal, id: number): Promise<DepartmentView> {
    const department = await this.departments.findById(id);
    if (!department) {
      throw new DomainError(ErrorCode.DepartmentNotFound, `Department ${id} does not exist.`, { id });
    }
    return toDepartmentView(department);
  }

  async create(principal: Principal, body: CreateDepartmentBody): Promise<DepartmentView> {
    requireAdmin(principal);
    return toDepartmentView(
      await this.saveUniquely({
        name: body.name.trim(),
        active: true,
        autoCloseDays: body.autoCloseDays ?? null,
        clientsMayAddCc: body.clientsMayAddCc ?? false,
        ...departmentMailSettings(body),
      }),
    );
  }

  async update(principal: Principal, id: number, body: UpdateDepartmentBody): Promise<DepartmentView> {
    requireAdmin(principal);
    const department = await this.departments.findById(id);
    if (!department) {
      throw new DomainError(ErrorCode.DepartmentNotFound, `Department ${id} does not exist.`, { id });
    }
    return toDepartmentView(
      await this.saveUniquely({
        id,
        name: body.name?.trim() ?? department.name,
        active: body.active ?? department.active,
        autoCloseDays: body.autoCloseDays === undefined ? department.autoCloseDays : body.autoCloseDays,
        clientsMayAddCc: body.clientsMayAddCc ?? department.clientsMayAddCc,
        ...departmentMailSettings(body, department),
      }),
    );
  }

  private async saveUniquely(department: Partial<Department>): Promise<Department> {
    try {
      return await this.departments.save(department);
    } catch (error) {
      if (isUniqueViolation(error, 'departments_name_key')) {
        throw new DomainError(ErrorCode.NameTaken, `A department named "${department.name}" already exists.`);
      }
      if (isUniqueViolation(error, 'departments_email_key')) {
        throw new DomainError(ErrorCode.EmailTaken, `Another department already has the address ${department.email}.`);
      }
      throw error;
    }
  }
}
