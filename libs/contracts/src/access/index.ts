export * from './access-events';
export * from './auth';
export * from './clients';
export * from './department-mail';
export * from './departments';
export * from './mail-directory';
export * from './patterns';
export * from './staff';
