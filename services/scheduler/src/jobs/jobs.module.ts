import { DynamicModule, Module } from '@nestjs/common';
import { RpcClientOptions } from '@helpdesk/messaging';

import { JOB_COMMANDS_OPTIONS, JobCommands } from './job-commands';
import { JobDefinition } from './job-definitions';
import { JOB_LOCKS_OPTIONS, JobLocks } from './job-locks';
import { JOB_RUNNER_OPTIONS, JobRunner, JobRunnerOptions } from './job-runner';
import { JobRunsRepository } from './job-runs.repository';
import { JOB_DEFINITIONS, JobSchedule } from './job-schedule';
import { JobsMessageController } from './jobs.message.controller';
import { JobsService } from './jobs.service';

export interface JobsModuleOptions {
  jobs: JobDefinition[];
  runner: JobRunnerOptions;
  commands: RpcClientOptions;
  databaseUrl: string;
}

/** The timed jobs: their schedule, runner and record, and `scheduler.list-jobs`. Needs ScheduleModule and a DataSource. */
@Module({})
export class JobsModule {
  static register(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsMessageController],
      providers: [
        { provide: JOB_DEFINITIONS, useValue: options.jobs },
        { provide: JOB_RUNNER_OPTIONS, useValue: options.runner },
        { provide: JOB_COMMANDS_OPTIONS, useValue: options.commands },
        { provide: JOB_LOCKS_OPTIONS, useValue: { databaseUrl: options.databaseUrl } },
        JobCommands,
        JobLocks,
        JobRunner,
        JobRunsRepository,
        JobSchedule,
        JobsService,
      ],
    };
  }
}
