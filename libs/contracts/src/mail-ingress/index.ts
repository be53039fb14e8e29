export * from './inbound-mails';
export * from './patterns';
