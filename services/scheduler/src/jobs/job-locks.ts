import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'pg';

export const JOB_LOCKS_OPTIONS = Symbol('JOB_LOCKS_OPTIONS');

export interface JobLock {
  release(): Promise<void>;
}

/**
 * One PostgreSQL advisory lock per job, so one scheduler replica at a time runs it. Each lock
 * lives on a connection of its own (outside the pool), closed on release: the lock can never
 * stay behind on a pooled connection, and it goes with the connection if the process dies.
 */
@Injectable()
export class JobLocks {
  constructor(@Inject(JOB_LOCKS_OPTIONS) private readonly options: { databaseUrl: string }) {}

  /** The lock when no other replica holds it, else null. */
  async tryLock(job: string): Promise<JobLock | null> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: 'helpdesk-scheduler-lock',
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS "locked"',
        [`helpdesk-job:${job}`],
      );
      if (rows[0]?.locked === true) {
        return { release: () => client.end().catch(() => undefined) };
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return null;
  }
}
