export * from './correlation';
export * from './env';
export * from './health';
export * from './internal-signing';
export * from './logger';
export * from './poll-loop';
export * from './metrics';
export * from './secret-box';
