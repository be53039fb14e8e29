import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Creates the service's schema and applies its pending migrations, under an advisory lock so
 * replicas starting together migrate once.
 */
export async function runServiceMigrations(dataSource: DataSource, schema: string): Promise<void> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`helpdesk-migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) {
      logger.log(`Applied migration '${migration.name}' to schema '${schema}'`);
    }
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`helpdesk-migrate:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}
