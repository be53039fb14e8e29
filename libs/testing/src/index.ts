export * from './expect-eventually';
export * from './http-client';
export * from './isolation';
export * from './responses';
export * from './service-process';
export * from './test-system';
export * from './world';
