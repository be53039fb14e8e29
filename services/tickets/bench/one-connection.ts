import { addToOutbox } from '@helpdesk/outbox';
import type { EntityManager } from 'typeorm';

import { TicketTransactions, TicketWriter } from '../src/ticket-writes/ticket-writer';

type Query = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/**
 * TicketTransactions over a connection the caller holds (and has put in a transaction it will
 * roll back): the writes run exactly as in the service, history and outbox rows included.
 */
export function oneConnectionTransactions(query: Query): TicketTransactions {
  const manager = { query } as unknown as EntityManager;
  return {
    run: async <T>(work: (writer: TicketWriter) => Promise<T>): Promise<T> => {
      const writer = new TicketWriter(manager);
      const value = await work(writer);
      await addToOutbox(manager, 'tickets', writer.events);
      return value;
    },
  } as TicketTransactions;
}
