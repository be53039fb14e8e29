import { Logger } from '@nestjs/common';
import { JobName } from '@helpdesk/contracts';

import { JobCommands } from './job-commands';
import { CommandOutcome, RunSummary } from './job-counts';
import { JobDefinition } from './job-definitions';
import { JobLocks } from './job-locks';
import { JobRunner } from './job-runner';
import { JobRunsRepository } from './job-runs.repository';

describe(JobRunner.name, () => {
  const job: JobDefinition = {
    name: JobName.AutoClose,
    description: 'test',
    enabled: true,
    everyMs: 60_000,
    pattern: 'tickets.auto-close-sweep',
    queues: ['tickets'],
    payload: {},
  };
  let release: jest.Mock;
  let locks: { tryLock: jest.Mock };
  let runs: { start: jest.Mock; finish: jest.Mock; prune: jest.Mock };
  let commands: { send: jest.Mock };
  let runner: JobRunner;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    release = jest.fn().mockResolvedValue(undefined);
    locks = { tryLock: jest.fn().mockResolvedValue({ release }) };
    runs = {
      start: jest.fn().mockResolvedValue('41'),
      finish: jest.fn().mockResolvedValue(undefined),
      prune: jest.fn().mockResolvedValue(undefined),
    };
    commands = {
      send: jest
        .fn()
        .mockResolvedValue([
          { queue: 'tickets', ok: true, result: { closed: 2, batches: 1 } },
        ] satisfies CommandOutcome[]),
    };
    runner = new JobRunner(
      { replica: 'host:1', retainRunsMs: 86_400_000 },
      locks as unknown as JobLocks,
      runs as unknown as JobRunsRepository,
      commands as unknown as JobCommands,
    );
  });

  it('sends the command under the lock and records what it answered', async () => {
    await runner.run(job);
    expect(runs.start).toHaveBeenCalledWith(JobName.AutoClose, 'host:1', 30_000);
    expect(commands.send).toHaveBeenCalledWith(job);
    expect(runs.finish).toHaveBeenCalledWith(JobName.AutoClose, '41', {
      ok: true,
      message: null,
      counts: { closed: 2, batches: 1 },
    } satisfies RunSummary);
    expect(release).toHaveBeenCalledTimes(1);
    expect(runs.prune).toHaveBeenCalledWith(86_400_000);
  });

  it('does nothing while another replica holds the lock', async () => {
    locks.tryLock.mockResolvedValue(null);
    await runner.run(job);
    expect(runs.start).not.toHaveBeenCalled();
    expect(commands.send).not.toHaveBeenCalled();
  });

  it('sends nothing when another replica ran the job within half a period, and lets the lock go', async () => {
    runs.start.mockResolvedValue(null);
    await runner.run(job);
    expect(commands.send).not.toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('records a failed command as a failed run', async () => {
    commands.send.mockResolvedValue([
      { queue: 'tickets', ok: false, error: { code: 'SERVICE_TIMEOUT', message: 'no answer' } },
    ]);
    await runner.run(job);
    expect(runs.finish).toHaveBeenCalledWith(JobName.AutoClose, '41', {
      ok: false,
      message: 'SERVICE_TIMEOUT: no answer',
      counts: {},
    });
  });

  it('lets the lock go and never rejects when the record cannot be written', async () => {
    runs.finish.mockRejectedValue(new Error('database gone'));
    await expect(runner.run(job)).resolves.toBeUndefined();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('starts no run once the service is stopping, and waits for the one in flight', async () => {
    let answer: (outcomes: CommandOutcome[]) => void = () => undefined;
    commands.send.mockReturnValue(new Promise<CommandOutcome[]>((resolve) => (answer = resolve)));
    const inFlight = runner.run(job);
    runner.onModuleDestroy();
    await runner.run({ ...job, name: JobName.OutboxRedrive });
    const drained = runner.beforeApplicationShutdown();
    await new Promise((resolve) => setImmediate(resolve));
    answer([{ queue: 'tickets', ok: true, result: {} }]);
    await Promise.all([inFlight, drained]);
    expect(locks.tryLock).toHaveBeenCalledTimes(1);
    expect(runs.finish).toHaveBeenCalledTimes(1);
  });

  it('runs a job once at a time in this process: a tick during a run joins it', async () => {
    let answer: (outcomes: CommandOutcome[]) => void = () => undefined;
    commands.send.mockReturnValue(new Promise<CommandOutcome[]>((resolve) => (answer = resolve)));
    const first = runner.run(job);
    const second = runner.run(job);
    await new Promise((resolve) => setImmediate(resolve));
    answer([{ queue: 'tickets', ok: true, result: {} }]);
    await Promise.all([first, second]);
    expect(locks.tryLock).toHaveBeenCalledTimes(1);
    expect(commands.send).toHaveBeenCalledTimes(1);
  });
});
