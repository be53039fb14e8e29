// The transactional outbox, apart from @helpdesk/messaging because it needs TypeORM: the gateway,
// which has no database, imports messaging and would otherwise load TypeORM (~16 MB of memory).

export * from './outbox';
export * from './outbox-redrive.module';
export * from './outbox-relay';
export * from './outbox.module';
export * from './service-health';
