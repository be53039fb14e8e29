export * from './data-source';
export * from './database.module';
export * from './ensure-database';
export * from './migration-runner';
export * from './snake-naming.strategy';
export * from './pg-errors';
