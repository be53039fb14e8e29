import { Inject, Injectable, Logger } from '@nestjs/common';
import { AutoCloseSweepResult } from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { AutoClosePolicy, departmentSweeps } from './auto-close-policy';
import { AutoCloseRepository, BatchOutcome, SweepBatch } from './auto-close.repository';

export const AUTO_CLOSE_POLICY = Symbol('AUTO_CLOSE_POLICY');

/**
 * Closes tickets that waited on the client longer than their department's window, and
 * reminds clients before that. Runs where the tickets live, on the scheduler's command.
 */
@Injectable()
export class AutoCloseService {
  private readonly logger = new Logger(AutoCloseService.name);

  constructor(
    @Inject(AUTO_CLOSE_POLICY) private readonly policy: AutoClosePolicy,
    private readonly repository: AutoCloseRepository,
    private readonly clock: Clock,
  ) {}

  async sweep(asOf: Date = this.clock.now()): Promise<AutoCloseSweepResult> {
    const started = Date.now();
    const departments = departmentSweeps(await this.repository.departments(), this.policy, asOf);
    const result: AutoCloseSweepResult = { asOf: asOf.toISOString(), closed: 0, reminded: 0, batches: 0 };
    if (departments.length > 0) {
      const batch: SweepBatch = {
        departments,
        statuses: this.policy.statuses,
        asOf,
        reminderBeforeMs: this.policy.reminderBeforeMs,
        batchSize: this.policy.batchSize,
      };
      // Closing first: a ticket due both ways (after an outage) is reminded, never closed unannounced.
      result.closed = await this.inBatches(() => this.repository.closeBatch(batch), result);
      if (departments.some((department) => department.remind)) {
        result.reminded = await this.inBatches(() => this.repository.remindBatch(batch), result);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    this.logger.log(
      `Auto-close sweep as of '${result.asOf}' closed ${result.closed} and reminded ${result.reminded} tickets in ${result.batches} batches in ${seconds} s`,
    );
    return result;
  }

  private async inBatches(run: () => Promise<BatchOutcome>, result: AutoCloseSweepResult): Promise<number> {
    let changed = 0;
    for (;;) {
      const outcome = await run();
      result.batches += 1;
      changed += outcome.changed;
      if (outcome.selected < this.policy.batchSize) {
        return changed;
      }
    }
  }
}
