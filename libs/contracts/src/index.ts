// The payload classes' decorators (class-validator, class-transformer) read and write design-time
// metadata through the Reflect API.
import 'reflect-metadata';

export * from './access';
export * from './attachments';
export * from './common/api-docs';
export * from './common/by-id';
export * from './common/page';
export * from './common/with-principal';
export * from './errors';
export * from './events';
export * from './mail-ingress';
export * from './notifications';
export * from './principal';
export * from './queues';
export * from './scheduler';
export * from './tickets';
export * from './system';
export * from './rpc';
export * from './webhooks';
