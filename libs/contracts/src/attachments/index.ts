export * from './attachment-kinds';
export * from './attachment-payloads';
export * from './attachment-views';
export * from './patterns';
export * from './transfer-http';
