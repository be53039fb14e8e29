import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  ByIdPayload,
  CreateStaffPayload,
  DepartmentStaffPayload,
  PrincipalOnlyPayload,
  StaffByIdsPayload,
  StaffView,
  UpdateStaffPayload,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { StaffService } from './staff.service';

@Controller()
export class StaffMessageController {
  constructor(private readonly staff: StaffService) {}

  @RpcHandler(AccessPatterns.ListStaff)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<StaffView[]> {
    return this.staff.list(payload.principal);
  }

  @RpcHandler(AccessPatterns.GetStaff)
  get(@Payload() payload: ByIdPayload): Promise<StaffView> {
    return this.staff.get(payload.principal, payload.id);
  }

  @RpcHandler(AccessPatterns.GetStaffByIds)
  byIds(@Payload() payload: StaffByIdsPayload): Promise<StaffView[]> {
    return this.staff.byIds(payload.principal, payload.ids);
  }

  @RpcHandler(AccessPatterns.StaffOfDepartment)
  ofDepartment(@Payload() payload: DepartmentStaffPayload): Promise<StaffView[]> {
    return this.staff.ofDepartment(payload.principal, payload.departmentId);
  }

  @RpcHandler(AccessPatterns.CreateStaff)
  create(@Payload() { principal, ...body }: CreateStaffPayload): Promise<StaffView> {
    return this.staff.create(principal, body);
  }

  @RpcHandler(AccessPatterns.UpdateStaff)
  update(@Payload() { principal, id, ...body }: UpdateStaffPayload): Promise<StaffView> {
    return this.staff.update(principal, id, body);
  }
}
