import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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

import { StaffService } from './staff.service';

@Controller()
export class StaffMessageController {
  constructor(private readonly staff: StaffService) {}

  @MessagePattern(AccessPatterns.ListStaff)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<StaffView[]> {
    return this.staff.list(payload.principal);
  }

  @MessagePattern(AccessPatterns.GetStaff)
  get(@Payload() payload: ByIdPayload): Promise<StaffView> {
    return this.staff.get(payload.principal, payload.id);
  }

  @MessagePattern(AccessPatterns.GetStaffByIds)
  byIds(@Payload() payload: StaffByIdsPayload): Promise<StaffView[]> {
    return this.staff.byIds(payload.principal, payload.ids);
  }

  @MessagePattern(AccessPatterns.StaffOfDepartment)
  ofDepartment(@Payload() payload: DepartmentStaffPayload): Promise<StaffView[]> {
    return this.staff.ofDepartment(payload.principal, payload.departmentId);
  }

  @MessagePattern(AccessPatterns.CreateStaff)
  create(@Payload() { principal, ...body }: CreateStaffPayload): Promise<StaffView> {
    return this.staff.create(principal, body);
  }

  @MessagePattern(AccessPatterns.UpdateStaff)
  update(@Payload() { principal, id, ...body }: UpdateStaffPayload): Promise<StaffView> {
    return this.staff.update(principal, id, body);
  }
}
