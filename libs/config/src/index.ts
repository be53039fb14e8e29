export * from './correlation';
export * from './env';
export * from './health';
export * from './internal-signing';
export * from './logger';
