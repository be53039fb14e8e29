import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DatabaseModule } from '@helpdesk/database';
import { SystemModule } from '@helpdesk/messaging';
import { hostname } from 'node:os';

import { CreateSchedulerSchema1795737600000 } from '../migrations/1795737600000-create-scheduler-schema';
import { SCHEDULER_SCHEMA, SchedulerEnv } from './env';
import { jobDefinitions } from './jobs/job-definitions';
import { JobsModule } from './jobs/jobs.module';

export const SCHEDULER_MIGRATIONS = [CreateSchedulerSchema1795737600000];

/**
 * The scheduler only sends commands; the services that own the data do the work. It keeps a
 * small `scheduler` schema of its own (job claims, runs and totals), so `GET /api/admin/jobs`
 * survives restarts and the replicas share one record.
 */
@Module({})
export class AppModule {
  static register(env: SchedulerEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('scheduler'),
        ScheduleModule.forRoot({ cronJobs: false, timeouts: false }),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: SCHEDULER_SCHEMA,
          entities: [],
          migrations: SCHEDULER_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-scheduler',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        JobsModule.register({
          jobs: jobDefinitions(env),
          runner: { replica: `${hostname()}:${process.pid}`, retainRunsMs: env.JOB_RUNS_RETAIN },
          commands: { url: env.RABBITMQ_URL, timeoutMs: env.JOB_TIMEOUT },
          databaseUrl: env.DATABASE_URL,
        }),
      ],
    };
  }
}
