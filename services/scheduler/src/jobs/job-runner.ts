import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { runWithCorrelationId } from '@helpdesk/config';

import { JobCommands } from './job-commands';
import { RunSummary, summarizeRun } from './job-counts';
import { JobDefinition } from './job-definitions';
import { jobDuration, jobRuns } from './job-metrics';
import { JobLocks } from './job-locks';
import { JobRunsRepository } from './job-runs.repository';

export const JOB_RUNNER_OPTIONS = Symbol('JOB_RUNNER_OPTIONS');

export interface JobRunnerOptions {
  /** Names this process in the runs it records (host and pid). */
  replica: string;
  /** JOB_RUNS_RETAIN. */
  retainRunsMs: number;
}

const PRUNE_EVERY_MS = 3_600_000;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Runs one tick of a job: at most one run per job at a time across every replica (the job's
 * advisory lock), and none when another replica ran it within half a period; records the
 * run's start, end, outcome and counts. The work itself is the command's, where the data lives.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly running = new Map<string, Promise<void>>();
  private lastPruneAt = 0;
  private stopping = false;

  constructor(
    @Inject(JOB_RUNNER_OPTIONS) private readonly options: JobRunnerOptions,
    private readonly locks: JobLocks,
    private readonly runs: JobRunsRepository,
    private readonly commands: JobCommands,
  ) {}

  /** One tick; resolves when the run (if this replica made one) is recorded. Never rejects. */
  run(job: JobDefinition): Promise<void> {
    const current = this.running.get(job.name);
    if (current || this.stopping) {
      return current ?? Promise.resolve();
    }
    const work = runWithCorrelationId(undefined, () => this.runExclusively(job))
      .catch((error: Error) => this.logger.warn(`Job '${job.name}' could not run: ${error.message}`))
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, work);
    return work;
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }

  /** Lets runs in flight finish (their commands and records need the clients and the pool, closed after this). */
  async beforeApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([Promise.all(this.running.values()), grace]);
    clearTimeout(timer);
  }

  private async runExclusively(job: JobDefinition): Promise<void> {
    const lock = await this.locks.tryLock(job.name);
    if (!lock) {
      this.logger.debug(`Job '${job.name}' is running on another replica`);
      return;
    }
    try {
      const runId = await this.runs.start(job.name, this.options.replica, job.everyMs / 2);
      if (runId === null) {
        return;
      }
      const started = Date.now();
      const summary = summarizeRun(await this.commands.send(job));
      await this.runs.finish(job.name, runId, summary);
      this.report(job, summary, (Date.now() - started) / 1000);
      await this.pruneOccasionally();
    } finally {
      await lock.release();
    }
  }

  private report(job: JobDefinition, summary: RunSummary, seconds: number): void {
    jobRuns.inc({ job: job.name, outcome: summary.ok ? 'ok' : 'failed' });
    jobDuration.observe({ job: job.name }, seconds);
    const counts =
      Object.entries(summary.counts)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ') || 'no counts';
    if (!summary.ok) {
      this.logger.warn(`Job '${job.name}' failed after ${seconds.toFixed(2)} s: ${summary.message}`);
    } else if (Object.values(summary.counts).some((value) => value !== 0)) {
      this.logger.log(`Job '${job.name}' ran in ${seconds.toFixed(2)} s: ${counts}`);
    } else {
      this.logger.debug(`Job '${job.name}' ran in ${seconds.toFixed(2)} s: ${counts}`);
    }
  }

  private async pruneOccasionally(): Promise<void> {
    if (Date.now() - this.lastPruneAt < PRUNE_EVERY_MS) {
      return;
    }
    this.lastPruneAt = Date.now();
    await this.runs.prune(this.options.retainRunsMs);
  }
}
