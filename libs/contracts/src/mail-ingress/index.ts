export * from './inbound-mails';
export * from './patterns';
export * from './mailboxes';
