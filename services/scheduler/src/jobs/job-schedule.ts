import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { JobDefinition } from './job-definitions';
import { JobRunner } from './job-runner';
import { formatInterval } from './job-settings';

export const JOB_DEFINITIONS = Symbol('JOB_DEFINITIONS');

/**
 * Puts each enabled job on its interval (from config, hence registered at start rather than
 * with `@Interval`); `@nestjs/schedule` clears them at shutdown.
 */
@Injectable()
export class JobSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedule.name);

  constructor(
    @Inject(JOB_DEFINITIONS) private readonly jobs: JobDefinition[],
    private readonly runner: JobRunner,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const enabled = this.jobs.filter((job) => job.enabled);
    for (const job of enabled) {
      this.registry.addInterval(
        job.name,
        setInterval(() => void this.runner.run(job), job.everyMs),
      );
    }
    const schedule = enabled.map((job) => `'${job.name}' every ${formatInterval(job.everyMs)}`).join(', ');
    this.logger.log(`Scheduled ${schedule || 'no jobs'}`);
  }
}
