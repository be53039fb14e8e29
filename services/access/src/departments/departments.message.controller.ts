import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  ByIdPayload,
  CreateDepartmentPayload,
  DepartmentView,
  PrincipalOnlyPayload,
  UpdateDepartmentPayload,
} from '@helpdesk/contracts';

import { DepartmentsService } from './departments.service';

@Controller()
export class DepartmentsMessageController {
  constructor(private readonly departments: DepartmentsService) {}

  @MessagePattern(AccessPatterns.ListDepartments)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<DepartmentView[]> {
    return this.departments.list(payload.principal);
  }

  @MessagePattern(AccessPatterns.GetDepartment)
  get(@Payload() payload: ByIdPayload): Promise<DepartmentView> {
    return this.departments.get(payload.principal, payload.id);
  }

  @MessagePattern(AccessPatterns.CreateDepartment)
  create(@Payload() { principal, ...body }: CreateDepartmentPayload): Promise<DepartmentView> {
    return this.departments.create(principal, body);
  }

  @MessagePattern(AccessPatterns.UpdateDepartment)
  update(@Payload() { principal, id, ...body }: UpdateDepartmentPayload): Promise<DepartmentView> {
    return this.departments.update(principal, id, body);
  }
}
