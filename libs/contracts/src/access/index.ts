export * from './access-events';
export * from './auth';
export * from './clients';
export * from './departments';
export * from './patterns';
export * from './staff';
