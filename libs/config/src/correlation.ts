import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const correlationStorage = new AsyncLocalStorage<string>();

/** The correlation id of the request or message being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return correlationStorage.getStore();
}

export function runWithCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return correlationStorage.run(correlationId ?? randomUUID(), work);
}
