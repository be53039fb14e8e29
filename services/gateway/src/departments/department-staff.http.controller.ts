import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, AccessPatterns, Principal, StaffView } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('departments')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('departments')
export class DepartmentStaffHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get(':id/staff')
  @ApiOperation({ summary: 'Active staff of a department, whom its tickets can be assigned to (its staff, admins)' })
  list(@CurrentPrincipal() principal: Principal, @Param('id', idParam) departmentId: number): Promise<StaffView[]> {
    return this.access.send(AccessPatterns.StaffOfDepartment, { principal, departmentId });
  }
}
