export * from './jobs';
export * from './patterns';
