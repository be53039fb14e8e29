import { Logger } from '@nestjs/common';
import { TicketStatus } from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { AutoClosePolicy, DAY_MS } from './auto-close-policy';
import { AutoCloseRepository, BatchOutcome, SweepBatch } from './auto-close.repository';
import { AutoCloseService } from './auto-close.service';

class FakeClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

describe(AutoCloseService.name, () => {
  const policy: AutoClosePolicy = {
    defaultWindowMs: 7 * DAY_MS,
    statuses: [TicketStatus.Answered],
    reminderBeforeMs: 0,
    batchSize: 2,
  };
  let clock: FakeClock;
  let repository: { departments: jest.Mock; closeBatch: jest.Mock; remindBatch: jest.Mock };

  const build = (overrides: Partial<AutoClosePolicy> = {}) =>
    new AutoCloseService({ ...policy, ...overrides }, repository as unknown as AutoCloseRepository, clock);
  const outcomes = (...list: BatchOutcome[]) => {
    const mock = jest.fn();
    for (const outcome of list) {
      mock.mockResolvedValueOnce(outcome);
    }
    return mock;
  };

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    clock = new FakeClock(new Date('2026-11-27T12:00:00Z'));
    repository = {
      departments: jest.fn().mockResolvedValue([{ id: 1, autoCloseDays: null }]),
      closeBatch: outcomes({ selected: 0, changed: 0 }),
      remindBatch: jest.fn(() => Promise.reject(new Error('reminders are off'))),
    };
  });

  it('sweeps as of the clock', async () => {
    clock.advance(3 * DAY_MS);
    await expect(build().sweep()).resolves.toEqual({
      asOf: '2026-11-30T12:00:00.000Z',
      closed: 0,
      reminded: 0,
      batches: 1,
    });
  });

  it('passes the cut-offs of the moved clock, or of the asOf it was asked for', async () => {
    const seen: SweepBatch[] = [];
    repository.closeBatch = jest.fn((batch: SweepBatch) => {
      seen.push(batch);
      return Promise.resolve({ selected: 0, changed: 0 });
    });
    clock.advance(DAY_MS);
    await build().sweep();
    await build().sweep(new Date('2027-01-01T00:00:00Z'));
    expect(seen.map((batch) => batch.departments[0].closeIfActiveBefore.toISOString())).toEqual([
      '2026-11-21T12:00:00.000Z',
      '2026-12-25T00:00:00.000Z',
    ]);
  });

  it('runs batches until one comes back short', async () => {
    repository.closeBatch = outcomes(
      { selected: 2, changed: 2 },
      { selected: 2, changed: 1 },
      { selected: 1, changed: 1 },
    );
    await expect(build().sweep()).resolves.toMatchObject({ closed: 4, reminded: 0, batches: 3 });
  });

  it('sends reminders only where they apply, after closing', async () => {
    repository.departments.mockResolvedValue([
      { id: 1, autoCloseDays: 1 },
      { id: 2, autoCloseDays: null },
    ]);
    repository.remindBatch = outcomes({ selected: 1, changed: 1 });
    const result = await build({ reminderBeforeMs: 2 * DAY_MS }).sweep();
    expect(result).toMatchObject({ closed: 0, reminded: 1, batches: 2 });
    const [batch] = repository.remindBatch.mock.calls[0] as [SweepBatch];
    expect(
      batch.departments.filter((department) => department.remind).map((department) => department.departmentId),
    ).toEqual([2]);
  });

  it('does nothing, and touches no tickets, when every window is off', async () => {
    repository.departments.mockResolvedValue([{ id: 1, autoCloseDays: 0 }]);
    await expect(build().sweep()).resolves.toMatchObject({ closed: 0, reminded: 0, batches: 0 });
    expect(repository.closeBatch).not.toHaveBeenCalled();
  });
});
