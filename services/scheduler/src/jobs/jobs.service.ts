import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, isAdmin, JobView, Principal } from '@helpdesk/contracts';

import { JobDefinition } from './job-definitions';
import { JobRow, JobRunsRepository } from './job-runs.repository';
import { JOB_DEFINITIONS } from './job-schedule';

/** What `GET /api/admin/jobs` shows: every job's schedule, last run and totals. */
@Injectable()
export class JobsService {
  constructor(
    @Inject(JOB_DEFINITIONS) private readonly jobs: JobDefinition[],
    private readonly runs: JobRunsRepository,
  ) {}

  async list(principal: Principal): Promise<JobView[]> {
    if (!isAdmin(principal)) {
      throw new DomainError(ErrorCode.AccessDenied, 'Only administrators may see the scheduled jobs.');
    }
    const rows = new Map((await this.runs.list()).map((row) => [row.name, row]));
    return this.jobs.map((job) => toJobView(job, rows.get(job.name)));
  }
}

export function toJobView(job: JobDefinition, row: JobRow | undefined): JobView {
  return {
    name: job.name,
    description: job.description,
    command: { pattern: job.pattern, queues: job.queues },
    everyMs: job.enabled ? job.everyMs : 0,
    enabled: job.enabled,
    lastRun:
      row?.run_started_at && row.run_outcome
        ? {
            startedAt: row.run_started_at.toISOString(),
            finishedAt: row.run_finished_at?.toISOString() ?? null,
            outcome: row.run_outcome,
            message: row.run_message,
            counts: row.run_counts ?? {},
            replica: row.run_replica ?? '',
          }
        : null,
    runningSince: row?.running_since?.toISOString() ?? null,
    lastSucceededAt: row?.last_succeeded_at?.toISOString() ?? null,
    totals: {
      runs: Number(row?.runs ?? 0),
      succeeded: Number(row?.succeeded ?? 0),
      failed: Number(row?.failed ?? 0),
      counts: row?.counts ?? {},
    },
  };
}
