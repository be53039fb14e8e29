import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, AccessPatterns, CreateStaffBody, Principal, StaffView, UpdateStaffBody } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('staff')
@ApiBearerAuth()
@TokenScope(ApiScope.Admin)
@Controller('staff')
export class StaffHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get()
  @ApiOperation({ summary: 'All staff with role, departments and active flag (admins)' })
  list(@CurrentPrincipal() principal: Principal): Promise<StaffView[]> {
    return this.access.send(AccessPatterns.ListStaff, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff member (staff)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<StaffView> {
    return this.access.send(AccessPatterns.GetStaff, { principal, id });
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member (admins)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateStaffBody): Promise<StaffView> {
    return this.access.send(AccessPatterns.CreateStaff, { principal, ...body });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role, departments, active flag, name, email or password (admins)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateStaffBody,
  ): Promise<StaffView> {
    return this.access.send(AccessPatterns.UpdateStaff, { principal, id, ...body });
  }
}
