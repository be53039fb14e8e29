import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { JobView, PrincipalOnlyPayload, SchedulerPatterns } from '@helpdesk/contracts';

import { JobsService } from './jobs.service';

@Controller()
export class JobsMessageController {
  constructor(private readonly jobs: JobsService) {}

  @MessagePattern(SchedulerPatterns.ListJobs)
  list(@Payload() payload: PrincipalOnlyPayload): Promise<JobView[]> {
    return this.jobs.list(payload.principal);
  }
}
