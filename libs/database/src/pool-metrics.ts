import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

let pool: PoolCounts | undefined;

new Gauge({
  name: 'helpdesk_database_pool_connections',
  help: 'PostgreSQL pool connections by state (open, idle) and queries waiting for one (waiting)',
  labelNames: ['state'],
  collect() {
    if (pool) {
      this.set({ state: 'open' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    }
  },
});

/** Reports the connection pool of the service's (one) data source in `helpdesk_database_pool_connections`. */
export function trackDatabasePool(dataSource: DataSource): void {
  pool = (dataSource.driver as PostgresDriver).master as PoolCounts;
}
