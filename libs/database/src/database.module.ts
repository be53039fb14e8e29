import { DynamicModule, Global, Logger, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createServiceDataSource, ServiceDataSourceOptions } from './data-source';
import { ensureDatabase } from './ensure-database';
import { runServiceMigrations } from './migration-runner';
import { trackDatabasePool } from './pool-metrics';

export interface DatabaseModuleOptions extends ServiceDataSourceOptions {
  migrateOnStart: boolean;
}

/** Provides the service's `DataSource`, connected (and migrated, unless told not to) before start. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            if (options.migrateOnStart) {
              await ensureDatabase(options.url);
            }
            const dataSource = createServiceDataSource(options);
            await dataSource.initialize();
            if (options.migrateOnStart) {
              await runServiceMigrations(dataSource, options.schema);
            }
            trackDatabasePool(dataSource);
            new Logger('Database').log(`Connected to schema '${options.schema}'`);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource.destroy();
  }
}
