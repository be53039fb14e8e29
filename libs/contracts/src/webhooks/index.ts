export * from './patterns';
export * from './webhook-events';
export * from './webhook-payloads';
export * from './webhook-views';
export * from './webhook-service-events';
