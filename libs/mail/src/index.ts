export * from './reply-address';
export * from './reply-token';
