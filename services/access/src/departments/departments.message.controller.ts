import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  ByIdPayload,
  CreateDepartmentPayload,
  DepartmentView,
  PrincipalOnlyPayload,
  UpdateDepartmentPayload,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { DepartmentsService } from './departments.service';

@Controller()
export class DepartmentsMessageController {
  constructor(private readonly departments: DepartmentsService) {}

  @RpcHandler(AccessPatterns.ListDepartments)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<DepartmentView[]> {
    return this.departments.list(payload.principal);
  }

  @RpcHandler(AccessPatterns.GetDepartment)
  get(@Payload() payload: ByIdPayload): Promise<DepartmentView> {
    return this.departments.get(payload.principal, payload.id);
  }

  @RpcHandler(AccessPatterns.CreateDepartment)
  create(@Payload() { principal, ...body }: CreateDepartmentPayload): Promise<DepartmentView> {
    return this.departments.create(principal, body);
  }

  @RpcHandler(AccessPatterns.UpdateDepartment)
  update(@Payload() { principal, id, ...body }: UpdateDepartmentPayload): Promise<DepartmentView> {
    return this.departments.update(principal, id, body);
  }
}
