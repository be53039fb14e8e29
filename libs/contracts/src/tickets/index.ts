export * from './canned-responses';
export * from './patterns';
export * from './ticket-bodies';
export * from './ticket-enums';
export * from './ticket-events';
export * from './ticket-views';
