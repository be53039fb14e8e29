import { createServiceDataSource, runServiceMigrations } from '@helpdesk/database';
import { TICKETS_MIGRATIONS } from '../src/app.module';

/** Applies the tickets migrations to the benchmark database. */
export async function prepareBenchDatabase(url: string): Promise<void> {
  const dataSource = createServiceDataSource({
    url,
    schema: 'tickets',
    entities: [],
    migrations: TICKETS_MIGRATIONS,
    poolSize: 2,
    applicationName: 'helpdesk-bench',
  });
  await dataSource.initialize();
  await runServiceMigrations(dataSource, 'tickets');
  await dataSource.destroy();
}
