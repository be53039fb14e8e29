import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { endPresence, keys, sendPresence, usePresence } from '../api/queries';
import { describePresence, type PresentStaff } from './presence-text';

/** A third of the default PRESENCE_TTL (30 s): one lost heartbeat does not make you vanish. */
const HEARTBEAT_MS = 10_000;

/**
 * While the ticket page is open: a heartbeat now, whenever replying starts or stops, and every
 * HEARTBEAT_MS; leaving the page ends the presence at once. Answers who is on the ticket.
 */
export function useTicketPresence(ticketId: number, replying: boolean, enabled: boolean): PresentStaff[] {
  const client = useQueryClient();
  const presence = usePresence(ticketId, enabled);
  const state = replying ? 'replying' : 'viewing';

  useEffect(() => {
    if (!enabled) {
      return;
    }
    const beat = () =>
      sendPresence(ticketId, state).then(
        (present) => client.setQueryData(keys.presence(ticketId), present),
        () => undefined, // the next heartbeat tries again
      );
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [client, ticketId, state, enabled]);

  useEffect(() => {
    if (!enabled) {
      return;
    }
    return () => {
      endPresence(ticketId).catch(() => undefined);
    };
  }, [ticketId, enabled]);

  return (presence.data ?? []).map((entry) => ({
    staffId: entry.staff.id,
    name: entry.staff.name,
    state: entry.state,
  }));
}

/** "Alice is viewing · Bob is replying", for the others on a ticket. */
export function PresenceNote({ present, meId }: { present: readonly PresentStaff[]; meId: number | undefined }) {
  const text = describePresence(present, meId);
  return text ? <span className="presence-note">{text}</span> : null;
}
