import { PrincipalOnlyPayload } from '../common/with-principal';
import { JobView } from './jobs';

/** Commands the scheduler answers (queue `scheduler`). Sent by the gateway. */
export const SchedulerPatterns = {
  /** Every job with its schedule, last run and totals. Admins only. Idempotent. */
  ListJobs: 'scheduler.list-jobs',
} as const;

export interface SchedulerRpc {
  [SchedulerPatterns.ListJobs]: { payload: PrincipalOnlyPayload; result: JobView[] };
}
