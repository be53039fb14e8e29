import { Counter, Histogram } from 'prom-client';

export const jobRuns = new Counter({
  name: 'helpdesk_scheduler_job_runs_total',
  help: 'Scheduled job runs by job and outcome (ok, failed)',
  labelNames: ['job', 'outcome'],
});

export const jobDuration = new Histogram({
  name: 'helpdesk_scheduler_job_duration_seconds',
  help: 'How long each scheduled job took, by job',
  labelNames: ['job'],
  buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
});
