import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { JobView, PrincipalOnlyPayload, SchedulerPatterns } from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { JobsService } from './jobs.service';

@Controller()
export class JobsMessageController {
  constructor(private readonly jobs: JobsService) {}

  @RpcHandler(SchedulerPatterns.ListJobs)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<JobView[]> {
    return this.jobs.list(payload.principal);
  }
}
