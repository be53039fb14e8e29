import { Logger } from '@nestjs/common';
import { ErrorCode, JobName, JobOutcome, PrincipalKind, StaffRole, systemPrincipal } from '@helpdesk/contracts';
import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { testDatabase } from '@helpdesk/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { SCHEDULER_MIGRATIONS } from '../src/app.module';
import { JobCommands } from '../src/jobs/job-commands';
import { CommandOutcome } from '../src/jobs/job-counts';
import { JobDefinition } from '../src/jobs/job-definitions';
import { JobLocks } from '../src/jobs/job-locks';
import { JobRunner } from '../src/jobs/job-runner';
import { ABANDONED_MESSAGE, JobRunsRepository } from '../src/jobs/job-runs.repository';
import { JobsService } from '../src/jobs/jobs.service';

describe('scheduler job runs (PostgreSQL)', () => {
  const database = testDatabase('scheduler');
  const databaseUrl = database.url;
  const dataSources: DataSource[] = [];
  let db: Client;

  const job: JobDefinition = {
    name: JobName.AutoClose,
    description: 'Close tickets',
    enabled: true,
    everyMs: 60_000,
    pattern: 'tickets.auto-close-sweep',
    queues: ['tickets'],
    payload: {},
  };

  async function newDataSource(): Promise<DataSource> {
    const dataSource = createServiceDataSource({
      url: databaseUrl,
      schema: 'scheduler',
      entities: [],
      migrations: SCHEDULER_MIGRATIONS,
      poolSize: 3,
      applicationName: 'scheduler-int-spec',
    });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return dataSource;
  }

  /** One scheduler replica: its own pool and locks; `answer` plays the tickets service. */
  async function replica(name: string, answer: () => Promise<CommandOutcome[]>) {
    const runs = new JobRunsRepository(await newDataSource());
    const commands = { send: jest.fn(answer) };
    const runner = new JobRunner(
      { replica: name, retainRunsMs: 86_400_000 },
      new JobLocks({ databaseUrl }),
      runs,
      commands as unknown as JobCommands,
    );
    return { runner, commands, jobs: new JobsService([job], runs) };
  }

  const answerAfter =
    (ms: number, closed = 2) =>
    () =>
      new Promise<CommandOutcome[]>((resolve) =>
        setTimeout(() => resolve([{ queue: 'tickets', ok: true, result: { closed, batches: 1 } }]), ms),
      );

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await database.create();
    await runServiceMigrations(await newDataSource(), 'scheduler');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE "scheduler"."jobs", "scheduler"."job_runs"`);
  });

  /** As if the last run started `ms` ago. */
  const lastStartedAgo = (ms: number) =>
    db.query(`UPDATE "scheduler"."jobs" SET "last_started_at" = now() - $1 * interval '1 millisecond'`, [ms]);

  it('two replicas ticking at once send the command once, and record one run', async () => {
    const [a, b] = [await replica('a', answerAfter(300)), await replica('b', answerAfter(300))];
    await Promise.all([a.runner.run(job), b.runner.run(job), a.runner.run(job)]);
    expect(a.commands.send.mock.calls.length + b.commands.send.mock.calls.length).toBe(1);
    const { rows } = await db.query(`SELECT * FROM "scheduler"."job_runs"`);
    expect(rows).toEqual([
      expect.objectContaining({ job: 'auto-close', outcome: 'ok', counts: { closed: 2, batches: 1 } }),
    ]);
    expect(rows[0].finished_at.getTime()).toBeGreaterThanOrEqual(rows[0].started_at.getTime());
  });

  it('a replica whose timer fires just after another ran the job skips the tick; the next period runs', async () => {
    const [a, b] = [await replica('a', answerAfter(0)), await replica('b', answerAfter(0, 3))];
    await a.runner.run(job);
    await b.runner.run(job);
    expect(b.commands.send).not.toHaveBeenCalled();
    await lastStartedAgo(job.everyMs / 2);
    await b.runner.run(job);
    expect(b.commands.send).toHaveBeenCalledTimes(1);

    const [view] = await a.jobs.list(systemPrincipal('test'));
    expect(view).toMatchObject({
      name: 'auto-close',
      everyMs: 60_000,
      enabled: true,
      lastRun: { outcome: JobOutcome.Ok, counts: { closed: 3, batches: 1 }, replica: 'b', message: null },
      totals: { runs: 2, succeeded: 2, failed: 0, counts: { closed: 5, batches: 2 } },
    });
    expect(view.lastSucceededAt).toEqual(view.lastRun?.finishedAt);
  });

  it('records a failed command with its message, and counts it in the totals', async () => {
    const failing = await replica('a', () =>
      Promise.resolve([
        {
          queue: 'tickets',
          ok: false,
          error: { code: 'SERVICE_TIMEOUT', message: 'The tickets service did not answer in time' },
        },
      ]),
    );
    await failing.runner.run(job);
    const [view] = await failing.jobs.list(systemPrincipal('test'));
    expect(view.lastRun).toMatchObject({
      outcome: 'failed',
      message: 'SERVICE_TIMEOUT: The tickets service did not answer in time',
    });
    expect(view.totals).toMatchObject({ runs: 1, succeeded: 0, failed: 1 });
    expect(view.lastSucceededAt).toBeNull();
  });

  it('closes the run of a replica that died mid-run as failed when the job next runs', async () => {
    await db.query(
      `INSERT INTO "scheduler"."job_runs" ("job", "replica", "started_at", "outcome") VALUES ('auto-close', 'dead', now() - interval '1 hour', 'running')`,
    );
    const alive = await replica('alive', answerAfter(0));
    await alive.runner.run(job);
    const { rows } = await db.query(`SELECT "replica", "outcome", "message" FROM "scheduler"."job_runs" ORDER BY "id"`);
    expect(rows).toEqual([
      { replica: 'dead', outcome: 'failed', message: ABANDONED_MESSAGE },
      { replica: 'alive', outcome: 'ok', message: null },
    ]);
  });

  it('shows the jobs to administrators only', async () => {
    const { jobs } = await replica('a', answerAfter(0));
    const staff = {
      kind: PrincipalKind.Staff,
      id: 5,
      role: StaffRole.Staff,
      name: 'Sam',
      email: 'sam@example.test',
      departmentIds: [1],
    };
    await expect(jobs.list(staff)).rejects.toMatchObject({ code: ErrorCode.AccessDenied });
    await expect(jobs.list(systemPrincipal('test'))).resolves.toEqual([
      expect.objectContaining({
        name: 'auto-close',
        lastRun: null,
        totals: { runs: 0, succeeded: 0, failed: 0, counts: {} },
      }),
    ]);
  });
});
