import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, JobView, Principal, SchedulerPatterns } from '@helpdesk/contracts';
import { SchedulerClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';

@ApiTags('admin')
@ApiBearerAuth()
@TokenScope(ApiScope.Admin)
@Controller('admin/jobs')
export class JobsHttpController {
  constructor(private readonly scheduler: SchedulerClient) {}

  @Get()
  @ApiOperation({ summary: "The scheduler's jobs: schedule, last run, outcome and totals (admins)" })
  list(@CurrentPrincipal() principal: Principal): Promise<JobView[]> {
    return this.scheduler.send(SchedulerPatterns.ListJobs, { principal });
  }
}
