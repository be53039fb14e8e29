export * from './reply-address';
export * from './reply-token';
export * from './token-redaction';
export * from './reply-marker';
