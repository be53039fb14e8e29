import { useJobs } from '../api/queries';
import type { JobView } from '../api/types';
import { JOB_OUTCOME_LABELS } from '../api/vocabulary';
import { ErrorMessage, Loading } from '../components/feedback';
import { Time } from '../components/format';
import { PageHeader } from '../components/page';
import { AdminOnly } from './admin-only';

function every(ms: number): string {
  if (ms <= 0) {
    return 'never';
  }
  const minutes = ms / 60_000;
  if (minutes < 1) {
    return `every ${Math.round(ms / 1000)} s`;
  }
  if (minutes < 120) {
    return `every ${Math.round(minutes)} min`;
  }
  return `every ${Math.round(minutes / 60)} h`;
}

const counts = (values: Record<string, number>) =>
  Object.entries(values)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ') || '—';

export function JobsPage() {
  const jobs = useJobs();
  return (
    <>
      <PageHeader title="Scheduled jobs" crumbs={['Admin', 'System', 'Scheduled jobs']} />
      <AdminOnly what="see the scheduled jobs">
        {jobs.isPending ? <Loading /> : null}
        <ErrorMessage error={jobs.error} />
        {jobs.data ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">The scheduler's jobs, their last run and totals</caption>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Last run did</th>
                  <th scope="col">Runs (failed)</th>
                  <th scope="col">Last success</th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.map((job: JobView) => (
                  <tr key={job.name}>
                    <td>
                      <strong>{job.name}</strong>
                      <div className="muted small-text">{job.description}</div>
                    </td>
                    <td>{job.enabled ? every(job.everyMs) : <span className="muted">disabled</span>}</td>
                    <td className="nowrap">
                      {job.runningSince ? (
                        <>
                          running since <Time iso={job.runningSince} />
                        </>
                      ) : job.lastRun ? (
                        <Time iso={job.lastRun.finishedAt ?? job.lastRun.startedAt} />
                      ) : (
                        <span className="muted">not yet</span>
                      )}
                    </td>
                    <td>
                      {job.lastRun ? (
                        <>
                          <span className={`badge job-${job.lastRun.outcome}`}>
                            {JOB_OUTCOME_LABELS[job.lastRun.outcome]}
                          </span>
                          {job.lastRun.message ? <div className="muted small-text">{job.lastRun.message}</div> : null}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{job.lastRun ? counts(job.lastRun.counts) : '—'}</td>
                    <td>
                      {job.totals.runs} ({job.totals.failed})
                    </td>
                    <td className="nowrap">
                      {job.lastSucceededAt ? <Time iso={job.lastSucceededAt} /> : <span className="muted">never</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </AdminOnly>
    </>
  );
}
