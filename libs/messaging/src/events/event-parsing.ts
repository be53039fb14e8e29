import { EVENT_PAYLOADS, EventEnvelope, EventName } from '@helpdesk/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { flattenValidationErrors } from '../rpc/rpc-validation.pipe';

/** Thrown for an event that no retry can help (e.g. a malformed payload): dead-lettered at once. */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks what the queue delivered against the contract, as the RPC validation pipe checks RPC
 * payloads: an envelope with a uuid, one of `names`, and a payload that fits its class in
 * EVENT_PAYLOADS (fields the class does not know are dropped, so producers may add some first).
 */
export function parseEvent<N extends EventName>(value: unknown, names: ReadonlySet<N>): EventEnvelope<N> {
  const { eventId, name, occurredAt, payload } = (value ?? {}) as Record<string, unknown>;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new UnprocessableEventError('The message is not an event: its eventId is not a uuid');
  }
  const what = `Event '${eventId}' (${String(name)})`;
  if (!isOneOf(name, names)) {
    throw new UnprocessableEventError(`${what} is not one this consumer handles`);
  }
  if (typeof occurredAt !== 'string') {
    throw new UnprocessableEventError(`${what} has no occurredAt`);
  }
  if (typeof payload !== 'object' || payload === null) {
    throw new UnprocessableEventError(`${what} has no payload`);
  }
  const payloadClass: new () => object = EVENT_PAYLOADS[name];
  const checked = plainToInstance(payloadClass, payload);
  const problems = flattenValidationErrors(validateSync(checked, { whitelist: true }));
  if (problems.length > 0) {
    throw new UnprocessableEventError(`${what} does not fit the contract: ${problems.join('; ')}`);
  }
  // The payload was just validated against the class EVENT_PAYLOADS gives this name.
  return { eventId, name, occurredAt, payload: checked } as EventEnvelope<N>;
}

function isOneOf<N extends string>(name: unknown, names: ReadonlySet<N>): name is N {
  return typeof name === 'string' && names.has(name as N);
}
