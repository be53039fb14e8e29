import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  AccessPatterns,
  CreateDepartmentBody,
  DepartmentView,
  Principal,
  UpdateDepartmentBody,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('departments')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('departments')
export class DepartmentsHttpController {
  constructor(private readonly access: AccessClient) {}

  @Get()
  @ApiOperation({ summary: 'Departments (clients see the active ones)' })
  list(@CurrentPrincipal() principal: Principal): Promise<DepartmentView[]> {
    return this.access.send(AccessPatterns.ListDepartments, { principal });
  }

  @Post()
  @TokenScope(ApiScope.Admin)
  @ApiOperation({ summary: 'Create a department (admins)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDepartmentBody): Promise<DepartmentView> {
    return this.access.send(AccessPatterns.CreateDepartment, { principal, ...body });
  }

  @Patch(':id')
  @TokenScope(ApiScope.Admin)
  @ApiOperation({ summary: 'Rename or (de)activate a department (admins)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateDepartmentBody,
  ): Promise<DepartmentView> {
    return this.access.send(AccessPatterns.UpdateDepartment, { principal, id, ...body });
  }
}
