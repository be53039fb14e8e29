import { DataSource, DataSourceOptions } from 'typeorm';

import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own PostgreSQL schema; no other service reads it. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  poolSize: number;
  applicationName: string;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize,
      connectionTimeoutMillis: 5_000,
      // A statement that runs away must not hold a pool slot forever.
      statement_timeout: 30_000,
      // No JIT: these are short OLTP statements, and a plan estimated above jit_above_cost
      // (the list with a status filter over 1M tickets) spent ~8 ms compiling to run in 1.6 ms.
      // random_page_cost as for data in memory or on SSD: with the default 4.0 the list sorted by
      // id or department walked the primary key backwards, reading and discarding the other
      // departments' tickets (20,000 rows for a page of 50 at 20 departments: 3.9 ms, not 1.2).
      options: '-c jit=off -c random_page_cost=1.1',
    },
  });
}
